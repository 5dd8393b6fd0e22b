// Constant 'cnn_layers.4.bias': ap_fixed<16,-3,AP_RND_CONV,AP_SAT>, shape [8]; value = raw * 2^-19.
// Raws of the format, emitted by Etch; the kernels reinterpret them (etch::from_raw).
#ifndef ETCH_braggnn_fc16_8_4_2_sz11_cnn_layers_4_bias_H
#define ETCH_braggnn_fc16_8_4_2_sz11_cnn_layers_4_bias_H

static const short cnn_layers_4_bias[8] = {
    20462, -10554, -1781, -361, 25261, 13463, 25836, 24165,
};

#endif
