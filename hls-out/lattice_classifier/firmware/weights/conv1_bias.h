// Constant 'conv1.bias': ap_fixed<16,0,AP_RND_CONV,AP_SAT>, shape [16]; value = raw * 2^-16.
// Raws of the format, emitted by Etch; the kernels reinterpret them (etch::from_raw).
#ifndef ETCH_lattice_classifier_conv1_bias_H
#define ETCH_lattice_classifier_conv1_bias_H

static const short conv1_bias[16] = {
    1729, 17059, 569, -3463, 2694, 3558, 2287, 3769, 2688, 2519, 7112, 14771,
    3059, 5459, -3823, 3029,
};

#endif
