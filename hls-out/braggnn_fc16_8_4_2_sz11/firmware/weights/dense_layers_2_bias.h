// Constant 'dense_layers.2.bias': ap_fixed<16,-2,AP_RND_CONV,AP_SAT>, shape [8]; value = raw * 2^-18.
// Raws of the format, emitted by Etch; the kernels reinterpret them (etch::from_raw).
#ifndef ETCH_braggnn_fc16_8_4_2_sz11_dense_layers_2_bias_H
#define ETCH_braggnn_fc16_8_4_2_sz11_dense_layers_2_bias_H

static const short dense_layers_2_bias[8] = {
    311, 16526, -1817, -13583, 10978, 13139, 15542, 9814,
};

#endif
