// Constant 'nlb.g_layer.bias': ap_fixed<16,-4,AP_RND_CONV,AP_SAT>, shape [32]; value = raw * 2^-20.
// Raws of the format, emitted by Etch; the kernels reinterpret them (etch::from_raw).
#ifndef ETCH_braggnn_fc16_8_4_2_sz11_nlb_g_layer_bias_H
#define ETCH_braggnn_fc16_8_4_2_sz11_nlb_g_layer_bias_H

static const short nlb_g_layer_bias[32] = {
    -6055, 1546, 4213, 13405, -886, 14779, -11203, -3470, -20761, 4089, 15142, 59,
    -13299, -9068, 13893, 8546, 649, 4944, 11856, 4742, -3448, 3182, -12830, 1015,
    -6533, 585, 11888, -344, -7659, 16734, 9379, 9888,
};

#endif
