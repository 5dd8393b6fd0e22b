// Etch kernel library: raw bits, activations, table indices and stream beats.
// Written for Etch; every step follows docs/fixed-ir.md of the Etch compiler.
#ifndef ETCH_TYPES_H
#define ETCH_TYPES_H

#include <ap_fixed.h>
#include <ap_int.h>
#include <hls_stream.h>

namespace etch {

// The raw two's-complement (or plain unsigned) bits of a value, as an integer of the same
// width and signedness: value = raw * 2^-F.
template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N>
inline ap_int_base<W, S> raw(const ap_fixed_base<W, I, S, Q, O, N>& x) {
#pragma HLS INLINE
  ap_int_base<W, S> r;
  r.range() = x.range();
  return r;
}

template <int W, bool S>
inline ap_int_base<W, S> raw(const ap_int_base<W, S>& x) {
#pragma HLS INLINE
  return x;
}

// The raw integer type of a format: ap_int_base<W, S> of the same width and signedness.
template <class T>
struct raw_type;
template <int W, int I, ap_q_mode Q, ap_o_mode O, int N>
struct raw_type<ap_fixed<W, I, Q, O, N> > {
  typedef ap_int_base<W, true> type;
};
template <int W, int I, ap_q_mode Q, ap_o_mode O, int N>
struct raw_type<ap_ufixed<W, I, Q, O, N> > {
  typedef ap_int_base<W, false> type;
};
template <int W>
struct raw_type<ap_int<W> > {
  typedef ap_int_base<W, true> type;
};
template <int W>
struct raw_type<ap_uint<W> > {
  typedef ap_int_base<W, false> type;
};

// A value of type T whose raw bits are r (r has T's width): a reinterpretation, no logic.
template <class T, int W, bool S>
inline T from_raw(const ap_int_base<W, S>& r) {
#pragma HLS INLINE
  T v;
  v.range() = r;
  return v;
}

// A value of type T from a raw stored in a C integer (constant arrays): the raw lies in T's
// range, so narrowing it to T's width keeps it, and its bits are reinterpreted.
template <class T>
inline T from_raw(long long r) {
#pragma HLS INLINE
  const typename raw_type<T>::type bits = r;
  return from_raw<T>(bits);
}

// The sign bit: true when a signed value is negative; never for unsigned types.
template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N>
inline bool is_negative(const ap_fixed_base<W, I, S, Q, O, N>& x) {
#pragma HLS INLINE
  return S && x[W - 1];
}

template <int W, bool S>
inline bool is_negative(const ap_int_base<W, S>& x) {
#pragma HLS INLINE
  return S && x[W - 1];
}

// Activations applied when a value is written into its result type.
enum activation_kind { act_none = 0, act_relu = 1, act_leaky = 2 };

// y = Q_Y(activation(v)): relu writes 0 for v < 0; leaky_relu writes Q_Y(v * alpha), the
// product exact. CFG names the activation and, for leaky_relu, alpha_t.
template <class Y, class CFG, class V, class AR>
inline Y activate(const V& v, const AR alpha[1]) {
#pragma HLS INLINE
  Y y;
  if (CFG::activation != act_none && is_negative(v)) {
    if (CFG::activation == act_relu) {
      y = 0;
    } else {
      y = v * from_raw<typename CFG::alpha_t>(alpha[0]);
    }
  } else {
    y = v;
  }
  return y;
}

// A table's entry index: clamp((raw >> SHIFT) + OFFSET, 0, SIZE - 1), with an arithmetic
// shift (a left shift by -SHIFT when SHIFT < 0), on integers wide enough to be exact.
template <int SHIFT, long long OFFSET, int SIZE, int W, bool S>
inline int table_index(const ap_int_base<W, S>& r) {
#pragma HLS INLINE
  ap_int<(SHIFT < 0 ? W - SHIFT : W) + 35> v = r;
  if (SHIFT >= 0) {
    v = v >> (SHIFT >= 0 ? SHIFT : 0);
  } else {
    v = v << (SHIFT < 0 ? -SHIFT : 0);
  }
  v = v + ap_int<64>(OFFSET);
  if (v < 0) return 0;
  if (v >= SIZE) return SIZE - 1;
  return v.to_int();
}

// One transfer of a stream: the C values of one position (pixel, sample or whole vector).
template <class T, int C>
struct beat {
  T data[C];
};

// The raw array passed where an op has no bias or no leaky_relu alpha.
static const signed char none[1] = {0};

}  // namespace etch

#endif
