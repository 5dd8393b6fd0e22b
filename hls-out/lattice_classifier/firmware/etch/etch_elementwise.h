// Etch kernel library: element-wise ops (cast, relu, leaky_relu, tables, affine, add, mul),
// over [C, P] arrays (element (c, p) at c * P + p) and over streams of P beats of C values.
#ifndef ETCH_ELEMENTWISE_H
#define ETCH_ELEMENTWISE_H

#include "etch_types.h"

namespace etch {

// y = Q_y(activation(x)): cast (act_none), relu, leaky_relu. CFG: c, p, activation, alpha_t.
template <class X, class Y, class CFG, class AR>
void activation(const X x[CFG::c * CFG::p], Y y[CFG::c * CFG::p], const AR alpha[1]) {
ELEMENTS:
  for (int i = 0; i < CFG::c * CFG::p; i++) {
#pragma HLS UNROLL
    y[i] = activate<Y, CFG>(x[i], alpha);
  }
}

template <class X, class Y, class CFG, class AR>
void activation_stream(hls::stream<beat<X, CFG::c> >& in, hls::stream<beat<Y, CFG::c> >& out,
                       const AR alpha[1]) {
BEATS:
  for (int p = 0; p < CFG::p; p++) {
#pragma HLS PIPELINE II = 1
    beat<X, CFG::c> a = in.read();
    beat<Y, CFG::c> o;
    for (int c = 0; c < CFG::c; c++) o.data[c] = activate<Y, CFG>(a.data[c], alpha);
    out.write(o);
  }
}

// y = T[clamp((raw(x) >> shift) + offset, 0, size - 1)], T in Y's format.
// CFG: c, p, shift, offset, size.
template <class Y, class CFG, class X, class TR>
inline Y lookup(const X& x, const TR table[CFG::size]) {
#pragma HLS INLINE
  return from_raw<Y>(table[table_index<CFG::shift, CFG::offset, CFG::size>(raw(x))]);
}

template <class X, class Y, class CFG, class TR>
void table(const X x[CFG::c * CFG::p], Y y[CFG::c * CFG::p], const TR t[CFG::size]) {
ELEMENTS:
  for (int i = 0; i < CFG::c * CFG::p; i++) {
#pragma HLS UNROLL
    y[i] = lookup<Y, CFG>(x[i], t);
  }
}

template <class X, class Y, class CFG, class TR>
void table_stream(hls::stream<beat<X, CFG::c> >& in, hls::stream<beat<Y, CFG::c> >& out,
                  const TR t[CFG::size]) {
BEATS:
  for (int p = 0; p < CFG::p; p++) {
#pragma HLS PIPELINE II = 1
    beat<X, CFG::c> a = in.read();
    beat<Y, CFG::c> o;
    for (int c = 0; c < CFG::c; c++) o.data[c] = lookup<Y, CFG>(a.data[c], t);
    out.write(o);
  }
}

// Per channel c: y = Q_y(x * scale[c] + shift[c]), exact inside.
// CFG: c, p, scale_t, shift_t.
template <class X, class Y, class CFG, class SR, class TR>
void affine(const X x[CFG::c * CFG::p], Y y[CFG::c * CFG::p], const SR scale[CFG::c],
            const TR shift[CFG::c]) {
CHANNELS:
  for (int c = 0; c < CFG::c; c++) {
  ELEMENTS:
    for (int p = 0; p < CFG::p; p++) {
#pragma HLS UNROLL
      y[c * CFG::p + p] = x[c * CFG::p + p] * from_raw<typename CFG::scale_t>(scale[c]) +
                          from_raw<typename CFG::shift_t>(shift[c]);
    }
  }
}

template <class X, class Y, class CFG, class SR, class TR>
void affine_stream(hls::stream<beat<X, CFG::c> >& in, hls::stream<beat<Y, CFG::c> >& out,
                   const SR scale[CFG::c], const TR shift[CFG::c]) {
BEATS:
  for (int p = 0; p < CFG::p; p++) {
#pragma HLS PIPELINE II = 1
    beat<X, CFG::c> a = in.read();
    beat<Y, CFG::c> o;
    for (int c = 0; c < CFG::c; c++) {
      o.data[c] = a.data[c] * from_raw<typename CFG::scale_t>(scale[c]) +
                  from_raw<typename CFG::shift_t>(shift[c]);
    }
    out.write(o);
  }
}

// y = Q_y(a + b) or Q_y(a * b), exact inside. CFG: c, p, is_add.
template <class Y, class CFG, class A0, class B0>
inline Y combine(const A0& a, const B0& b) {
#pragma HLS INLINE
  Y y;
  if (CFG::is_add) {
    y = a + b;
  } else {
    y = a * b;
  }
  return y;
}

template <class A0, class B0, class Y, class CFG>
void binary(const A0 a[CFG::c * CFG::p], const B0 b[CFG::c * CFG::p], Y y[CFG::c * CFG::p]) {
ELEMENTS:
  for (int i = 0; i < CFG::c * CFG::p; i++) {
#pragma HLS UNROLL
    y[i] = combine<Y, CFG>(a[i], b[i]);
  }
}

template <class A0, class B0, class Y, class CFG>
void binary_stream(hls::stream<beat<A0, CFG::c> >& a, hls::stream<beat<B0, CFG::c> >& b,
                   hls::stream<beat<Y, CFG::c> >& out) {
BEATS:
  for (int p = 0; p < CFG::p; p++) {
#pragma HLS PIPELINE II = 1
    beat<A0, CFG::c> u = a.read();
    beat<B0, CFG::c> v = b.read();
    beat<Y, CFG::c> o;
    for (int c = 0; c < CFG::c; c++) o.data[c] = combine<Y, CFG>(u.data[c], v.data[c]);
    out.write(o);
  }
}

}  // namespace etch

#endif
