// Constant 'nlb.g_layer.bias': ap_fixed<16,-1,AP_RND_CONV,AP_SAT>, shape [32]; value = raw * 2^-17.
// Raws of the format, emitted by Etch; the kernels reinterpret them (etch::from_raw).
#ifndef ETCH_braggnn_nlb_g_layer_bias_H
#define ETCH_braggnn_nlb_g_layer_bias_H

static const short nlb_g_layer_bias[32] = {
    -14342, 1751, -3755, 15747, 1682, 2679, -6401, 12987, -4193, 432, 9640, -16557,
    3495, 5346, -19217, 5537, 10341, -3791, 9337, -13628, 15610, 12895, -12670, 8627,
    12878, 522, -10206, 6923, -16709, -11030, -14640, -561,
};

#endif
