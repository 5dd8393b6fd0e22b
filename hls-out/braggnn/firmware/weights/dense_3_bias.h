// Constant 'dense.3.bias': ap_fixed<16,-2,AP_RND_CONV,AP_SAT>, shape [2]; value = raw * 2^-18.
// Raws of the format, emitted by Etch; the kernels reinterpret them (etch::from_raw).
#ifndef ETCH_braggnn_dense_3_bias_H
#define ETCH_braggnn_dense_3_bias_H

static const short dense_3_bias[2] = {
    28550, 31857,
};

#endif
