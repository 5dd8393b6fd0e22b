// Constant 'conv3.bias': ap_fixed<16,-1,AP_RND_CONV,AP_SAT>, shape [32]; value = raw * 2^-17.
// Raws of the format, emitted by Etch; the kernels reinterpret them (etch::from_raw).
#ifndef ETCH_lattice_classifier_conv3_bias_H
#define ETCH_lattice_classifier_conv3_bias_H

static const short conv3_bias[32] = {
    -8863, -17685, -6725, -3797, 11177, -12619, -3925, -3302, 843, -3140, -8876, -6764,
    -9184, 11544, 12229, 5070, 14279, -8582, 15626, -12717, 9774, -25077, -10487, 7203,
    -8339, 380, 14387, -10115, -3790, 3624, 21268, -7785,
};

#endif
