// Constant 'dense_layers.6.bias': ap_fixed<16,-2,AP_RND_CONV,AP_SAT>, shape [2]; value = raw * 2^-18.
// Raws of the format, emitted by Etch; the kernels reinterpret them (etch::from_raw).
#ifndef ETCH_braggnn_fc16_8_4_2_sz11_dense_layers_6_bias_H
#define ETCH_braggnn_fc16_8_4_2_sz11_dense_layers_6_bias_H

static const short dense_layers_6_bias[2] = {
    18329, -941,
};

#endif
