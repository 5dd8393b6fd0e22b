// Constant 'dense_layers.8.weight': ap_fixed<16,1,AP_RND_CONV,AP_SAT>, shape [2, 2]; value = raw * 2^-15.
// Raws of the format, emitted by Etch; the kernels reinterpret them (etch::from_raw).
#ifndef ETCH_braggnn_fc16_8_4_2_sz11_dense_layers_8_weight_H
#define ETCH_braggnn_fc16_8_4_2_sz11_dense_layers_8_weight_H

static const short dense_layers_8_weight[4] = {
    12847, 10689, 26470, -4545,
};

#endif
