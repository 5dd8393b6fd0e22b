// Constant 'conv3.bias': ap_fixed<16,-3,AP_RND_CONV,AP_SAT>, shape [8]; value = raw * 2^-19.
// Raws of the format, emitted by Etch; the kernels reinterpret them (etch::from_raw).
#ifndef ETCH_braggnn_conv3_bias_H
#define ETCH_braggnn_conv3_bias_H

static const short conv3_bias[8] = {
    -6288, -6175, 11449, 21041, -31563, -32033, -153, -13832,
};

#endif
