// Constant 'conv2.bias': ap_fixed<16,-1,AP_RND_CONV,AP_SAT>, shape [32]; value = raw * 2^-17.
// Raws of the format, emitted by Etch; the kernels reinterpret them (etch::from_raw).
#ifndef ETCH_strain_encoder_conv2_bias_H
#define ETCH_strain_encoder_conv2_bias_H

static const short conv2_bias[32] = {
    22673, 9620, 16557, 9957, 8505, -767, -6344, 8682, 10742, 17543, 5060, 7295,
    13960, 15933, 14299, 9549, 11086, 10691, 2921, 6006, 10632, -3658, 6695, 1400,
    -726, -3493, 5395, 5109, 6507, 7942, 14684, -1686,
};

#endif
