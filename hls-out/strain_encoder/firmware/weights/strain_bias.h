// Constant 'strain.bias': ap_fixed<16,-3,AP_RND_CONV,AP_SAT>, shape [4]; value = raw * 2^-19.
// Raws of the format, emitted by Etch; the kernels reinterpret them (etch::from_raw).
#ifndef ETCH_strain_encoder_strain_bias_H
#define ETCH_strain_encoder_strain_bias_H

static const short strain_bias[4] = {
    1283, -29469, 6994, 22494,
};

#endif
