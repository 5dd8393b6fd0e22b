// Etch kernel library: ops that move raws (reshape, transpose, upsample2d) and concat, which
// writes each input into the output's format.
#ifndef ETCH_LAYOUT_H
#define ETCH_LAYOUT_H

#include "etch_types.h"

namespace etch {

// y = x element by element (flatten and reshape: the same raws in C order). CFG: n.
template <class X, class Y, class CFG>
void copy(const X x[CFG::n], Y y[CFG::n]) {
ELEMENTS:
  for (int i = 0; i < CFG::n; i++) {
#pragma HLS UNROLL
    y[i] = x[i];
  }
}

// Output dimension k is input dimension perm[k], for ranks up to 6: the output (of extents
// d0..d5, padded with 1) is walked in C order, reading the input at strides s0..s5.
template <class X, class Y, class CFG>
void transpose(const X x[CFG::n], Y y[CFG::n]) {
  int t = 0;
  for (int i0 = 0; i0 < CFG::d0; i0++)
    for (int i1 = 0; i1 < CFG::d1; i1++)
      for (int i2 = 0; i2 < CFG::d2; i2++)
        for (int i3 = 0; i3 < CFG::d3; i3++)
          for (int i4 = 0; i4 < CFG::d4; i4++)
            for (int i5 = 0; i5 < CFG::d5; i5++) {
#pragma HLS UNROLL
              y[t++] = x[i0 * CFG::s0 + i1 * CFG::s1 + i2 * CFG::s2 + i3 * CFG::s3 +
                         i4 * CFG::s4 + i5 * CFG::s5];
            }
}

// Nearest-neighbour upsampling of [C, H, W]: y[c, h, w] = x[c, h / scale_h, w / scale_w].
// CFG: in_c, in_h, in_w, scale_h, scale_w.
template <class X, class Y, class CFG>
void upsample2d(const X x[CFG::in_c * CFG::in_h * CFG::in_w],
                Y y[CFG::in_c * CFG::in_h * CFG::scale_h * CFG::in_w * CFG::scale_w]) {
  static const int out_h = CFG::in_h * CFG::scale_h;
  static const int out_w = CFG::in_w * CFG::scale_w;
CHANNELS:
  for (int c = 0; c < CFG::in_c; c++) {
  ROWS:
    for (int h = 0; h < out_h; h++) {
    COLUMNS:
      for (int w = 0; w < out_w; w++) {
#pragma HLS UNROLL
        y[(c * out_h + h) * out_w + w] =
            x[(c * CFG::in_h + h / CFG::scale_h) * CFG::in_w + w / CFG::scale_w];
      }
    }
  }
}

// The same over a stream of pixels: each input row is kept, then written scale_h times with
// each pixel repeated scale_w times.
template <class X, class Y, class CFG>
void upsample2d_stream(hls::stream<beat<X, CFG::in_c> >& in,
                       hls::stream<beat<Y, CFG::in_c> >& out) {
  beat<X, CFG::in_c> row[CFG::in_w];
ROWS:
  for (int h = 0; h < CFG::in_h; h++) {
  READ:
    for (int w = 0; w < CFG::in_w; w++) {
#pragma HLS PIPELINE II = 1
      row[w] = in.read();
    }
  REPEAT:
    for (int r = 0; r < CFG::scale_h; r++) {
    WRITE:
      for (int w = 0; w < CFG::in_w * CFG::scale_w; w++) {
#pragma HLS PIPELINE II = 1
        beat<Y, CFG::in_c> o;
        for (int c = 0; c < CFG::in_c; c++) o.data[c] = row[w / CFG::scale_w].data[c];
        out.write(o);
      }
    }
  }
}

// Concatenation of two tensors along an axis: for each of the `outer` indices before the
// axis, a's block (its extent along the axis times the dimensions after) then b's, each
// written as Q_y(x). CFG: outer, block_a, block_b.
template <class A0, class B0, class Y, class CFG>
void concat2(const A0 a[CFG::outer * CFG::block_a], const B0 b[CFG::outer * CFG::block_b],
             Y y[CFG::outer * (CFG::block_a + CFG::block_b)]) {
OUTER:
  for (int o = 0; o < CFG::outer; o++) {
    Y* row = y + o * (CFG::block_a + CFG::block_b);
  FIRST:
    for (int i = 0; i < CFG::block_a; i++) {
#pragma HLS UNROLL
      row[i] = a[o * CFG::block_a + i];
    }
  SECOND:
    for (int i = 0; i < CFG::block_b; i++) {
#pragma HLS UNROLL
      row[CFG::block_a + i] = b[o * CFG::block_b + i];
    }
  }
}

// Concatenation along axis 0 over streams: each beat's values are a's then b's.
// CFG: p, c_a, c_b.
template <class A0, class B0, class Y, class CFG>
void concat2_stream(hls::stream<beat<A0, CFG::c_a> >& a, hls::stream<beat<B0, CFG::c_b> >& b,
                    hls::stream<beat<Y, CFG::c_a + CFG::c_b> >& out) {
BEATS:
  for (int p = 0; p < CFG::p; p++) {
#pragma HLS PIPELINE II = 1
    beat<A0, CFG::c_a> u = a.read();
    beat<B0, CFG::c_b> v = b.read();
    beat<Y, CFG::c_a + CFG::c_b> o;
    for (int c = 0; c < CFG::c_a; c++) o.data[c] = u.data[c];
    for (int c = 0; c < CFG::c_b; c++) o.data[CFG::c_a + c] = v.data[c];
    out.write(o);
  }
}

}  // namespace etch

#endif
