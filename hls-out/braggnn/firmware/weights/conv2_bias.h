// Constant 'conv2.bias': ap_fixed<16,-2,AP_RND_CONV,AP_SAT>, shape [32]; value = raw * 2^-18.
// Raws of the format, emitted by Etch; the kernels reinterpret them (etch::from_raw).
#ifndef ETCH_braggnn_conv2_bias_H
#define ETCH_braggnn_conv2_bias_H

static const short conv2_bias[32] = {
    -2433, 12448, 14603, 17338, 7841, 10139, 5535, 7126, 5718, 10663, 11219, 5583,
    -3751, 5758, -2489, -3140, 814, 18089, -1415, 7953, 5217, -7847, 1330, 7610,
    3068, 11776, 2654, 947, -6699, 7360, 9330, 889,
};

#endif
