// Constant 'nlb.out_cnn.bias': ap_fixed<16,-3,AP_RND_CONV,AP_SAT>, shape [64]; value = raw * 2^-19.
// Raws of the format, emitted by Etch; the kernels reinterpret them (etch::from_raw).
#ifndef ETCH_braggnn_fc16_8_4_2_sz11_nlb_out_cnn_bias_H
#define ETCH_braggnn_fc16_8_4_2_sz11_nlb_out_cnn_bias_H

static const short nlb_out_cnn_bias[64] = {
    3737, 3177, -2476, 4855, 2855, 3018, -10578, -2038, -13582, 4832, 9552, 5412,
    6249, 7298, -19578, -5514, -4675, 5020, 4137, 1796, 7064, -3248, -9581, 6562,
    3577, 6601, -18832, -10255, 3359, 4047, -10753, -8063, 4666, 6955, 8806, 2730,
    -18884, -8633, 4113, -8740, 4035, 1685, -316, -16172, 6426, -15118, -1650, 7048,
    2524, 389, 9539, 5885, -2147, -28116, -5897, -9748, -2699, 9773, -11470, -9661,
    -20861, 6052, -30200, 6084,
};

#endif
