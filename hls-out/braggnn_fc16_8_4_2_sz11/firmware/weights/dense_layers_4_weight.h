// Constant 'dense_layers.4.weight': ap_fixed<16,1,AP_RND_CONV,AP_SAT>, shape [4, 8]; value = raw * 2^-15.
// Raws of the format, emitted by Etch; the kernels reinterpret them (etch::from_raw).
#ifndef ETCH_braggnn_fc16_8_4_2_sz11_dense_layers_4_weight_H
#define ETCH_braggnn_fc16_8_4_2_sz11_dense_layers_4_weight_H

static const short dense_layers_4_weight[32] = {
    -18373, 19288, 3821, 19807, -5970, 16201, -1842, -4478, 14286, 1647, -19200, -5999,
    18561, -8179, 17873, -967, 11825, 4368, 2039, -15965, 3323, -4907, 2561, -2971,
    4498, 11807, -10348, -4246, 7806, -1436, 12727, 17131,
};

#endif
