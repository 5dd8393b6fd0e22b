// Constant 'dense.1.bias': ap_fixed<16,-1,AP_RND_CONV,AP_SAT>, shape [8]; value = raw * 2^-17.
// Raws of the format, emitted by Etch; the kernels reinterpret them (etch::from_raw).
#ifndef ETCH_braggnn_dense_1_bias_H
#define ETCH_braggnn_dense_1_bias_H

static const short dense_1_bias[8] = {
    14736, 12623, 15764, 14351, 14848, 18355, 11868, 14468,
};

#endif
