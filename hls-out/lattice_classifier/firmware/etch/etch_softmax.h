// Etch kernel library: softmax by tables, over arrays (any axis) and over streams (the axis
// being the C values of each beat).
#ifndef ETCH_SOFTMAX_H
#define ETCH_SOFTMAX_H

#include "etch_types.h"

namespace etch {

// One row of `length` values, `stride` apart: m = max x; e = E[index(raw(x - m))];
// s = 0, then s = Q_sum(s + e) in order; r = R[index(raw(s))]; y = Q_y(e * r).
// CFG: length, exp_t, sum_t, rec_t, exp_shift, exp_offset, exp_size, rec_shift, rec_offset,
// rec_size.
template <class X, class Y, class CFG, class ER, class RR>
inline void softmax_row(const X* x, Y* y, int stride, const ER exp_table[CFG::exp_size],
                        const RR rec_table[CFG::rec_size]) {
#pragma HLS INLINE
  X m = x[0];
MAXIMUM:
  for (int j = 1; j < CFG::length; j++) {
    if (x[j * stride] > m) m = x[j * stride];
  }
  typename CFG::exp_t e[CFG::length];
  typename CFG::sum_t s = 0;
EXPONENTIALS:
  for (int j = 0; j < CFG::length; j++) {
    const int i =
        table_index<CFG::exp_shift, CFG::exp_offset, CFG::exp_size>(raw(x[j * stride]) - raw(m));
    e[j] = from_raw<typename CFG::exp_t>(exp_table[i]);
    s = s + e[j];
  }
  const int ri = table_index<CFG::rec_shift, CFG::rec_offset, CFG::rec_size>(raw(s));
  const typename CFG::rec_t r = from_raw<typename CFG::rec_t>(rec_table[ri]);
OUTPUTS:
  for (int j = 0; j < CFG::length; j++) y[j * stride] = e[j] * r;
}

// Softmax over an array of outer x length x inner values along the middle axis.
// CFG additionally: outer, inner.
template <class X, class Y, class CFG, class ER, class RR>
void softmax(const X x[CFG::outer * CFG::length * CFG::inner],
             Y y[CFG::outer * CFG::length * CFG::inner], const ER exp_table[CFG::exp_size],
             const RR rec_table[CFG::rec_size]) {
#pragma HLS PIPELINE II = CFG::reuse_factor
OUTER:
  for (int o = 0; o < CFG::outer; o++) {
  INNER:
    for (int i = 0; i < CFG::inner; i++) {
      const int base = o * CFG::length * CFG::inner + i;
      softmax_row<X, Y, CFG>(x + base, y + base, CFG::inner, exp_table, rec_table);
    }
  }
}

// Softmax of each beat's length values. CFG additionally: p (beats).
template <class X, class Y, class CFG, class ER, class RR>
void softmax_stream(hls::stream<beat<X, CFG::length> >& in,
                    hls::stream<beat<Y, CFG::length> >& out, const ER exp_table[CFG::exp_size],
                    const RR rec_table[CFG::rec_size]) {
BEATS:
  for (int p = 0; p < CFG::p; p++) {
#pragma HLS PIPELINE II = CFG::reuse_factor
    beat<X, CFG::length> a = in.read();
    beat<Y, CFG::length> o;
    softmax_row<X, Y, CFG>(a.data, o.data, 1, exp_table, rec_table);
    out.write(o);
  }
}

}  // namespace etch

#endif
