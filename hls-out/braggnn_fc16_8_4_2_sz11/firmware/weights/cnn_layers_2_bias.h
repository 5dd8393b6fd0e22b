// Constant 'cnn_layers.2.bias': ap_fixed<16,-2,AP_RND_CONV,AP_SAT>, shape [32]; value = raw * 2^-18.
// Raws of the format, emitted by Etch; the kernels reinterpret them (etch::from_raw).
#ifndef ETCH_braggnn_fc16_8_4_2_sz11_cnn_layers_2_bias_H
#define ETCH_braggnn_fc16_8_4_2_sz11_cnn_layers_2_bias_H

static const short cnn_layers_2_bias[32] = {
    6884, 6486, -4892, 6670, 10057, -239, 8134, -10700, 7496, 4060, 2077, 3192,
    -4973, 1527, -13333, 5989, 7716, -7527, -6347, 6607, -3257, 9692, -27040, -8536,
    -1830, -2118, 113, -10526, 9198, 7436, 5965, 8592,
};

#endif
