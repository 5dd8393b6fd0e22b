// Constant 'conv3.bias': ap_fixed<16,-2,AP_RND_CONV,AP_SAT>, shape [32]; value = raw * 2^-18.
// Raws of the format, emitted by Etch; the kernels reinterpret them (etch::from_raw).
#ifndef ETCH_strain_encoder_conv3_bias_H
#define ETCH_strain_encoder_conv3_bias_H

static const short conv3_bias[32] = {
    4132, 18993, 4221, -6004, 22480, 10048, -7665, 9220, 12356, 15914, 1017, -16717,
    12046, 17546, -10092, 15008, 5388, 10417, 3755, 12349, -8539, -6484, 17494, 9667,
    2561, -13246, 8105, -4923, 15217, -10227, 2843, 14960,
};

#endif
