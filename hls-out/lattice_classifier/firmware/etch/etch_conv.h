// Etch kernel library: conv1d and conv2d (stride, padding, dilation, groups), over arrays
// and, with a line buffer, over streams of pixels.
#ifndef ETCH_CONV_H
#define ETCH_CONV_H

#include "etch_types.h"

namespace etch {

// One output value: acc = Q_acc(b[co]) (or 0); for each input channel of co's group, kernel
// row, kernel column, skipping taps in the padding: acc = Q_acc(acc + x * w); then
// Q_y(activation(acc)). PIXEL(c, ih, iw) reads the input. A conv1d is a conv2d with
// in_h = k_h = 1.
template <class Y, class CFG, class PIXEL, class WR, class BR, class AR>
inline Y conv_output(const PIXEL& pixel, int co, int oh, int ow, const WR w[], const BR b[],
                     const AR alpha[1]) {
#pragma HLS INLINE
  typedef typename CFG::accum_t A;
  static const int group_in = CFG::in_c / CFG::groups;
  static const int group_out = CFG::out_c / CFG::groups;
  const int g = co / group_out;
  A acc;
  if (CFG::has_bias) {
    acc = from_raw<typename CFG::bias_t>(b[co]);
  } else {
    acc = 0;
  }
CHANNELS:
  for (int ci = 0; ci < group_in; ci++) {
  KERNEL_ROWS:
    for (int kr = 0; kr < CFG::k_h; kr++) {
      const int ih = oh * CFG::stride_h - CFG::pad_top + kr * CFG::dil_h;
    KERNEL_COLUMNS:
      for (int kc = 0; kc < CFG::k_w; kc++) {
        const int iw = ow * CFG::stride_w - CFG::pad_left + kc * CFG::dil_w;
        if (ih >= 0 && ih < CFG::in_h && iw >= 0 && iw < CFG::in_w) {
          const int wi = ((co * group_in + ci) * CFG::k_h + kr) * CFG::k_w + kc;
          acc = acc + pixel(g * group_in + ci, ih, iw) *
                          from_raw<typename CFG::weight_t>(w[wi]);
        }
      }
    }
  }
  return activate<Y, CFG>(acc, alpha);
}

// Reads x[c, ih, iw] from a [C, H, W] array.
template <class X, class CFG>
struct array_pixel {
  const X* x;
  X operator()(int c, int ih, int iw) const {
#pragma HLS INLINE
    return x[(c * CFG::in_h + ih) * CFG::in_w + iw];
  }
};

// conv1d / conv2d over [C, H, W] arrays. CFG: in_c, in_h, in_w, out_c, out_h, out_w, k_h,
// k_w, stride_h, stride_w, pad_top, pad_left, dil_h, dil_w, groups, has_bias, accum_t,
// weight_t, bias_t, activation, alpha_t, reuse_factor, multipliers.
template <class X, class Y, class CFG, class WR, class BR, class AR>
void conv2d(const X x[CFG::in_c * CFG::in_h * CFG::in_w],
            Y y[CFG::out_c * CFG::out_h * CFG::out_w], const WR w[], const BR b[],
            const AR alpha[1]) {
#pragma HLS ARRAY_PARTITION variable = w cyclic factor = CFG::multipliers
#pragma HLS ALLOCATION operation instances = mul limit = CFG::multipliers
  array_pixel<X, CFG> pixel = {x};
ROWS:
  for (int oh = 0; oh < CFG::out_h; oh++) {
  COLUMNS:
    for (int ow = 0; ow < CFG::out_w; ow++) {
#pragma HLS PIPELINE II = CFG::reuse_factor
    OUTPUTS:
      for (int co = 0; co < CFG::out_c; co++) {
        y[(co * CFG::out_h + oh) * CFG::out_w + ow] =
            conv_output<Y, CFG>(pixel, co, oh, ow, w, b, alpha);
      }
    }
  }
}

// The rows of a window that a line buffer keeps: (k_h - 1) * dil_h + 1.
template <class X, class CFG>
struct line_pixel {
  static const int rows = (CFG::k_h - 1) * CFG::dil_h + 1;
  X (*lines)[CFG::in_w][CFG::in_c];
  X operator()(int c, int ih, int iw) const {
#pragma HLS INLINE
    return lines[ih % rows][iw][c];
  }
};

// conv1d / conv2d over a stream of pixels in raster order, each beat the in_c channels of
// one pixel. A line buffer keeps the last rows a window spans; output row oh is computed
// as soon as the last input row it reads has arrived, so frames of any height fit.
template <class X, class Y, class CFG, class WR, class BR, class AR>
void conv2d_stream(hls::stream<beat<X, CFG::in_c> >& in, hls::stream<beat<Y, CFG::out_c> >& out,
                   const WR w[], const BR b[], const AR alpha[1]) {
#pragma HLS ARRAY_PARTITION variable = w cyclic factor = CFG::multipliers
#pragma HLS ALLOCATION operation instances = mul limit = CFG::multipliers
  typedef line_pixel<X, CFG> window;
  X lines[window::rows][CFG::in_w][CFG::in_c];
#pragma HLS ARRAY_PARTITION variable = lines complete dim = 3
  window pixel = {lines};
  int read = 0;
ROWS:
  for (int oh = 0; oh < CFG::out_h; oh++) {
    int need = oh * CFG::stride_h - CFG::pad_top + window::rows - 1;
    if (need > CFG::in_h - 1) need = CFG::in_h - 1;
  FILL:
    for (; read <= need; read++) {
    FILL_COLUMNS:
      for (int iw = 0; iw < CFG::in_w; iw++) {
#pragma HLS PIPELINE II = 1
        beat<X, CFG::in_c> px = in.read();
        for (int c = 0; c < CFG::in_c; c++) lines[read % window::rows][iw][c] = px.data[c];
      }
    }
  COLUMNS:
    for (int ow = 0; ow < CFG::out_w; ow++) {
#pragma HLS PIPELINE II = CFG::reuse_factor
      beat<Y, CFG::out_c> o;
    OUTPUTS:
      for (int co = 0; co < CFG::out_c; co++) {
        o.data[co] = conv_output<Y, CFG>(pixel, co, oh, ow, w, b, alpha);
      }
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

}  // namespace etch

#endif
