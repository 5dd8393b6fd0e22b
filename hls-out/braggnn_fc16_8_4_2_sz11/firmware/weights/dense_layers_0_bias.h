// Constant 'dense_layers.0.bias': ap_fixed<16,-2,AP_RND_CONV,AP_SAT>, shape [16]; value = raw * 2^-18.
// Raws of the format, emitted by Etch; the kernels reinterpret them (etch::from_raw).
#ifndef ETCH_braggnn_fc16_8_4_2_sz11_dense_layers_0_bias_H
#define ETCH_braggnn_fc16_8_4_2_sz11_dense_layers_0_bias_H

static const short dense_layers_0_bias[16] = {
    13503, -13830, 13482, 19267, 17502, 17107, 13361, -13914, -9465, 14621, 13216, 14914,
    16066, 16306, 8811, 12503,
};

#endif
