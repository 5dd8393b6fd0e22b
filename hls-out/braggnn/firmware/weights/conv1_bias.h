// Constant 'conv1.bias': ap_fixed<16,0,AP_RND_CONV,AP_SAT>, shape [64]; value = raw * 2^-16.
// Raws of the format, emitted by Etch; the kernels reinterpret them (etch::from_raw).
#ifndef ETCH_braggnn_conv1_bias_H
#define ETCH_braggnn_conv1_bias_H

static const short conv1_bias[64] = {
    -3206, -23963, 12581, 10767, -8258, 7437, 15744, 1699, 20476, 18799, -12755, -8088,
    -11, 13900, 18419, 23485, -8670, 4399, -6487, 15315, -8215, -20138, -10078, 16346,
    311, 22674, -17429, 4332, -6426, 12733, -3037, 22884, -16382, 20990, 18136, -13363,
    6813, -11277, -118, 4218, 12250, 10841, 2107, 10314, 2222, 8833, 11195, 19349,
    -4393, 20572, -21350, -17223, 21372, 21161, 12376, 8143, -4365, 12790, -6075, 14128,
    -3211, -12003, 8839, 12179,
};

#endif
