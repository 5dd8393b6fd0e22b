// Constant 'cnn_layers.0.bias': ap_fixed<16,-4,AP_RND_CONV,AP_SAT>, shape [64]; value = raw * 2^-20.
// Raws of the format, emitted by Etch; the kernels reinterpret them (etch::from_raw).
#ifndef ETCH_braggnn_fc16_8_4_2_sz11_cnn_layers_0_bias_H
#define ETCH_braggnn_fc16_8_4_2_sz11_cnn_layers_0_bias_H

static const short cnn_layers_0_bias[64] = {
    -12045, -3958, -7836, 9188, 299, 5704, -9219, -2310, -8007, 587, 6527, 8451,
    8440, 7937, -6720, -5104, -19516, 614, -2143, -4232, 8241, -4888, -10287, 4491,
    2280, 14145, 5501, 12960, -2473, 5434, 14436, -11529, 3641, 8968, 24339, 4250,
    -24471, -456, 8103, -3954, 1157, 8168, 11446, -21875, 13739, -6359, -9160, 11524,
    473, -4329, 13968, 5564, 1134, -10094, 20115, -3955, -1209, 6159, -9135, 8138,
    -10039, 5389, -5107, 5007,
};

#endif
