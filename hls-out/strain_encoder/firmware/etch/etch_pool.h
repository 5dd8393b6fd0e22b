// Etch kernel library: maxpool2d, avgpool2d and global_avgpool2d, over arrays and streams.
#ifndef ETCH_POOL_H
#define ETCH_POOL_H

#include "etch_types.h"

namespace etch {

// One window of channel c: max: Q_y(max over the taps inside the frame) (padding taps are
// ignored); average: s = the exact sum of those taps (padding counts as 0) in sum_t, then
// Q_y(s * k). CFG: in_c, in_h, in_w, out_h, out_w, k_h, k_w, stride_h, stride_w, pad_h,
// pad_w, is_max, sum_t, k_t.
template <class X, class Y, class CFG, class PIXEL, class KR>
inline Y pool_output(const PIXEL& pixel, int c, int oh, int ow, const KR k[1]) {
#pragma HLS INLINE
  X m = 0;
  bool first = true;
  typename CFG::sum_t s = 0;
WINDOW_ROWS:
  for (int kr = 0; kr < CFG::k_h; kr++) {
    const int ih = oh * CFG::stride_h - CFG::pad_h + kr;
  WINDOW_COLUMNS:
    for (int kc = 0; kc < CFG::k_w; kc++) {
      const int iw = ow * CFG::stride_w - CFG::pad_w + kc;
      if (ih >= 0 && ih < CFG::in_h && iw >= 0 && iw < CFG::in_w) {
        const X v = pixel(c, ih, iw);
        if (CFG::is_max) {
          if (first || v > m) m = v;
          first = false;
        } else {
          s = s + v;
        }
      }
    }
  }
  Y y;
  if (CFG::is_max) {
    y = m;
  } else {
    y = s * from_raw<typename CFG::k_t>(k[0]);
  }
  return y;
}

// Reads x[c, ih, iw] from a [C, H, W] array.
template <class X, class CFG>
struct pool_array_pixel {
  const X* x;
  X operator()(int c, int ih, int iw) const {
#pragma HLS INLINE
    return x[(c * CFG::in_h + ih) * CFG::in_w + iw];
  }
};

// Pooling over [C, H, W] arrays; k is the reciprocal of the window size (unused by max).
template <class X, class Y, class CFG, class KR>
void pool2d(const X x[CFG::in_c * CFG::in_h * CFG::in_w],
            Y y[CFG::in_c * CFG::out_h * CFG::out_w], const KR k[1]) {
  pool_array_pixel<X, CFG> pixel = {x};
ROWS:
  for (int oh = 0; oh < CFG::out_h; oh++) {
  COLUMNS:
    for (int ow = 0; ow < CFG::out_w; ow++) {
#pragma HLS PIPELINE II = CFG::reuse_factor
    CHANNELS:
      for (int c = 0; c < CFG::in_c; c++) {
        y[(c * CFG::out_h + oh) * CFG::out_w + ow] = pool_output<X, Y, CFG>(pixel, c, oh, ow, k);
      }
    }
  }
}

// Reads a pixel of a line buffer of k_h rows.
template <class X, class CFG>
struct pool_line_pixel {
  X (*lines)[CFG::in_w][CFG::in_c];
  X operator()(int c, int ih, int iw) const {
#pragma HLS INLINE
    return lines[ih % CFG::k_h][iw][c];
  }
};

// Pooling over a stream of pixels in raster order, with a line buffer of k_h rows.
template <class X, class Y, class CFG, class KR>
void pool2d_stream(hls::stream<beat<X, CFG::in_c> >& in, hls::stream<beat<Y, CFG::in_c> >& out,
                   const KR k[1]) {
  X lines[CFG::k_h][CFG::in_w][CFG::in_c];
#pragma HLS ARRAY_PARTITION variable = lines complete dim = 3
  pool_line_pixel<X, CFG> pixel = {lines};
  int read = 0;
ROWS:
  for (int oh = 0; oh < CFG::out_h; oh++) {
    int need = oh * CFG::stride_h - CFG::pad_h + CFG::k_h - 1;
    if (need > CFG::in_h - 1) need = CFG::in_h - 1;
  FILL:
    for (; read <= need; read++) {
    FILL_COLUMNS:
      for (int iw = 0; iw < CFG::in_w; iw++) {
#pragma HLS PIPELINE II = 1
        beat<X, CFG::in_c> px = in.read();
        for (int c = 0; c < CFG::in_c; c++) lines[read % CFG::k_h][iw][c] = px.data[c];
      }
    }
  COLUMNS:
    for (int ow = 0; ow < CFG::out_w; ow++) {
#pragma HLS PIPELINE II = CFG::reuse_factor
      beat<Y, CFG::in_c> o;
    CHANNELS:
      for (int c = 0; c < CFG::in_c; c++) o.data[c] = pool_output<X, Y, CFG>(pixel, c, oh, ow, k);
      out.write(o);
    }
  }
DRAIN:
  for (; read < CFG::in_h; read++) {
    for (int iw = 0; iw < CFG::in_w; iw++) {
#pragma HLS PIPELINE II = 1
      in.read();
    }
  }
}

// global_avgpool2d over a [C, H, W] array: y[c] = Q_y((exact sum over the plane) * k).
// CFG: in_c, pixels, sum_t, k_t.
template <class X, class Y, class CFG, class KR>
void global_avgpool(const X x[CFG::in_c * CFG::pixels], Y y[CFG::in_c], const KR k[1]) {
CHANNELS:
  for (int c = 0; c < CFG::in_c; c++) {
    typename CFG::sum_t s = 0;
  PIXELS:
    for (int p = 0; p < CFG::pixels; p++) s = s + x[c * CFG::pixels + p];
    y[c] = s * from_raw<typename CFG::k_t>(k[0]);
  }
}

// global_avgpool2d over a stream of pixels; one beat of in_c values comes out.
template <class X, class Y, class CFG, class KR>
void global_avgpool_stream(hls::stream<beat<X, CFG::in_c> >& in,
                           hls::stream<beat<Y, CFG::in_c> >& out, const KR k[1]) {
  typename CFG::sum_t s[CFG::in_c];
#pragma HLS ARRAY_PARTITION variable = s complete
  for (int c = 0; c < CFG::in_c; c++) s[c] = 0;
PIXELS:
  for (int p = 0; p < CFG::pixels; p++) {
#pragma HLS PIPELINE II = 1
    beat<X, CFG::in_c> px = in.read();
    for (int c = 0; c < CFG::in_c; c++) s[c] = s[c] + px.data[c];
  }
  beat<Y, CFG::in_c> o;
  for (int c = 0; c < CFG::in_c; c++) o.data[c] = s[c] * from_raw<typename CFG::k_t>(k[0]);
  out.write(o);
}

}  // namespace etch

#endif
