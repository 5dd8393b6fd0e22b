// Constant 'dense.4.weight': ap_fixed<16,-2,AP_RND_CONV,AP_SAT>, shape [2, 2]; value = raw * 2^-18.
// Raws of the format, emitted by Etch; the kernels reinterpret them (etch::from_raw).
#ifndef ETCH_braggnn_dense_4_weight_H
#define ETCH_braggnn_dense_4_weight_H

static const short dense_4_weight[4] = {
    -21632, 2473, -1378, 30020,
};

#endif
