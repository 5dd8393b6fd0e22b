// Constant 'dense.4.bias': ap_fixed<16,1,AP_RND_CONV,AP_SAT>, shape [2]; value = raw * 2^-15.
// Raws of the format, emitted by Etch; the kernels reinterpret them (etch::from_raw).
#ifndef ETCH_braggnn_dense_4_bias_H
#define ETCH_braggnn_dense_4_bias_H

static const short dense_4_bias[2] = {
    17928, 15779,
};

#endif
