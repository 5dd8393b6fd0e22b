// Constant 'dense_layers.6.weight': ap_fixed<16,2,AP_RND_CONV,AP_SAT>, shape [2, 4]; value = raw * 2^-14.
// Raws of the format, emitted by Etch; the kernels reinterpret them (etch::from_raw).
#ifndef ETCH_braggnn_fc16_8_4_2_sz11_dense_layers_6_weight_H
#define ETCH_braggnn_fc16_8_4_2_sz11_dense_layers_6_weight_H

static const short dense_layers_6_weight[8] = {
    8285, -2895, 11640, 4801, 6812, 17381, 15296, -985,
};

#endif
