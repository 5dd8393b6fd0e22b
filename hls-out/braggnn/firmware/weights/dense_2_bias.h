// Constant 'dense.2.bias': ap_fixed<16,-2,AP_RND_CONV,AP_SAT>, shape [4]; value = raw * 2^-18.
// Raws of the format, emitted by Etch; the kernels reinterpret them (etch::from_raw).
#ifndef ETCH_braggnn_dense_2_bias_H
#define ETCH_braggnn_dense_2_bias_H

static const short dense_2_bias[4] = {
    28613, 28792, 25521, 28403,
};

#endif
