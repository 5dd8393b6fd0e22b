// Constant 'conv2.bias': ap_fixed<16,-1,AP_RND_CONV,AP_SAT>, shape [32]; value = raw * 2^-17.
// Raws of the format, emitted by Etch; the kernels reinterpret them (etch::from_raw).
#ifndef ETCH_lattice_classifier_conv2_bias_H
#define ETCH_lattice_classifier_conv2_bias_H

static const short conv2_bias[32] = {
    10852, 25480, -3421, 17074, -3275, -11937, 6218, 15695, 18408, 7449, 22098, -11321,
    8044, -1576, 17578, 9550, 24697, 4918, -17222, -5714, -10778, -6276, 1498, 13190,
    -5467, 11637, 7133, 8428, 4702, 3278, 13360, -5572,
};

#endif
