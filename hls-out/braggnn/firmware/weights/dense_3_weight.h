// Constant 'dense.3.weight': ap_fixed<16,1,AP_RND_CONV,AP_SAT>, shape [2, 4]; value = raw * 2^-15.
// Raws of the format, emitted by Etch; the kernels reinterpret them (etch::from_raw).
#ifndef ETCH_braggnn_dense_3_weight_H
#define ETCH_braggnn_dense_3_weight_H

static const short dense_3_weight[8] = {
    9869, 9344, -7401, -6724, -10261, -19401, -30394, 26366,
};

#endif
