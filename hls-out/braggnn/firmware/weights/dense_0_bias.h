// Constant 'dense.0.bias': ap_fixed<16,-2,AP_RND_CONV,AP_SAT>, shape [16]; value = raw * 2^-18.
// Raws of the format, emitted by Etch; the kernels reinterpret them (etch::from_raw).
#ifndef ETCH_braggnn_dense_0_bias_H
#define ETCH_braggnn_dense_0_bias_H

static const short dense_0_bias[16] = {
    29008, 29200, 25439, 25777, 25150, 25317, 26585, 29360, 25931, 24972, 28713, 24616,
    28345, 24339, 25641, 24244,
};

#endif
