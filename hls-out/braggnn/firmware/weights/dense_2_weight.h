// Constant 'dense.2.weight': ap_fixed<16,0,AP_RND_CONV,AP_SAT>, shape [4, 8]; value = raw * 2^-16.
// Raws of the format, emitted by Etch; the kernels reinterpret them (etch::from_raw).
#ifndef ETCH_braggnn_dense_2_weight_H
#define ETCH_braggnn_dense_2_weight_H

static const short dense_2_weight[32] = {
    9684, -322, -8296, 14427, -8270, 9442, -7336, 20933, 19627, -14672, 19097, 16322,
    22527, -26674, 1140, -2710, 11768, -3348, 29848, -8023, 6693, -9766, 1776, -14384,
    -12476, -21060, -15014, -16588, -23711, 6544, -4406, 7415,
};

#endif
