// Etch kernel library: dense (nn.Linear over the last dimension) and matmul.
#ifndef ETCH_DENSE_H
#define ETCH_DENSE_H

#include "etch_types.h"

namespace etch {

// For each row r and output o: acc = Q_acc(b[o]) (or 0); for i ascending
// acc = Q_acc(acc + x[r, i] * W[o, i]); y[r, o] = Q_y(activation(acc)).
// CFG: n_rows, n_in, n_out, has_bias, accum_t, weight_t, bias_t, activation, alpha_t,
// reuse_factor, multipliers (products per cycle).
template <class X, class Y, class CFG, class WR, class BR, class AR>
void dense(const X x[CFG::n_rows * CFG::n_in], Y y[CFG::n_rows * CFG::n_out],
           const WR w[CFG::n_out * CFG::n_in], const BR b[], const AR alpha[1]) {
#pragma HLS PIPELINE II = CFG::reuse_factor
#pragma HLS ARRAY_PARTITION variable = w cyclic factor = CFG::multipliers
#pragma HLS ALLOCATION operation instances = mul limit = CFG::multipliers
  typedef typename CFG::accum_t A;
ROWS:
  for (int r = 0; r < CFG::n_rows; r++) {
  OUTPUTS:
    for (int o = 0; o < CFG::n_out; o++) {
      A acc;
      if (CFG::has_bias) {
        acc = from_raw<typename CFG::bias_t>(b[o]);
      } else {
        acc = 0;
      }
    TERMS:
      for (int i = 0; i < CFG::n_in; i++) {
        acc = acc + x[r * CFG::n_in + i] * from_raw<typename CFG::weight_t>(w[o * CFG::n_in + i]);
      }
      y[r * CFG::n_out + o] = activate<Y, CFG>(acc, alpha);
    }
  }
}

// A pruned dense layer: w holds only the n_nonzero non-zero weights in (output, input)
// order, wi and wo their input and output indices. For each row r: acc[o] = Q_acc(b[o])
// (or 0); for k ascending acc[wo[k]] = Q_acc(acc[wo[k]] + x[r, wi[k]] * w[k]);
// y[r, o] = Q_y(activation(acc[o])). The same terms in the same order as dense, without the
// x * 0 ones, which leave an accumulator unchanged: the same bits, one product per
// non-zero weight. CFG: as dense, plus n_nonzero.
template <class X, class Y, class CFG, class WR, class IR, class BR, class AR>
void dense_sparse(const X x[CFG::n_rows * CFG::n_in], Y y[CFG::n_rows * CFG::n_out],
                  const WR w[CFG::n_nonzero], const IR wi[CFG::n_nonzero],
                  const IR wo[CFG::n_nonzero], const BR b[], const AR alpha[1]) {
#pragma HLS PIPELINE II = CFG::reuse_factor
#pragma HLS ARRAY_PARTITION variable = w complete
#pragma HLS ALLOCATION operation instances = mul limit = CFG::multipliers
  typedef typename CFG::accum_t A;
SPARSE_ROWS:
  for (int r = 0; r < CFG::n_rows; r++) {
    A acc[CFG::n_out];
#pragma HLS ARRAY_PARTITION variable = acc complete
  SPARSE_BIASES:
    for (int o = 0; o < CFG::n_out; o++) {
      if (CFG::has_bias) {
        acc[o] = from_raw<typename CFG::bias_t>(b[o]);
      } else {
        acc[o] = 0;
      }
    }
  NONZERO_TERMS:
    for (int k = 0; k < CFG::n_nonzero; k++) {
      acc[wo[k]] = acc[wo[k]] + x[r * CFG::n_in + wi[k]] * from_raw<typename CFG::weight_t>(w[k]);
    }
  SPARSE_OUTPUTS:
    for (int o = 0; o < CFG::n_out; o++) {
      y[r * CFG::n_out + o] = activate<Y, CFG>(acc[o], alpha);
    }
  }
}

// [..., M, K] x [..., K, N]: for each batch and (m, n), acc = 0; for k ascending
// acc = Q_acc(acc + a[m, k] * b[k, n]); y[m, n] = Q_y(acc).
// CFG: n_batch, n_m, n_k, n_n, accum_t, reuse_factor, multipliers.
template <class A0, class B0, class Y, class CFG>
void matmul(const A0 a[CFG::n_batch * CFG::n_m * CFG::n_k],
            const B0 b[CFG::n_batch * CFG::n_k * CFG::n_n],
            Y y[CFG::n_batch * CFG::n_m * CFG::n_n]) {
#pragma HLS PIPELINE II = CFG::reuse_factor
#pragma HLS ALLOCATION operation instances = mul limit = CFG::multipliers
  typedef typename CFG::accum_t A;
BATCHES:
  for (int t = 0; t < CFG::n_batch; t++) {
  ROWS:
    for (int m = 0; m < CFG::n_m; m++) {
    COLUMNS:
      for (int n = 0; n < CFG::n_n; n++) {
        A acc = 0;
      TERMS:
        for (int k = 0; k < CFG::n_k; k++) {
          acc = acc + a[(t * CFG::n_m + m) * CFG::n_k + k] * b[(t * CFG::n_k + k) * CFG::n_n + n];
        }
        y[(t * CFG::n_m + m) * CFG::n_n + n] = acc;
      }
    }
  }
}

}  // namespace etch

#endif
