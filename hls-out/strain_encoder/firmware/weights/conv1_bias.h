// Constant 'conv1.bias': ap_fixed<16,0,AP_RND_CONV,AP_SAT>, shape [16]; value = raw * 2^-16.
// Raws of the format, emitted by Etch; the kernels reinterpret them (etch::from_raw).
#ifndef ETCH_strain_encoder_conv1_bias_H
#define ETCH_strain_encoder_conv1_bias_H

static const short conv1_bias[16] = {
    6172, 15133, 8138, 16799, 3766, 5117, 9000, 1244, 9624, 13373, 8224, 6937,
    11609, 4973, 6658, 4721,
};

#endif
