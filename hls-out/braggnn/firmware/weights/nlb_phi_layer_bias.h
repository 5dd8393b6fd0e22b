// Constant 'nlb.phi_layer.bias': ap_fixed<16,-2,AP_RND_CONV,AP_SAT>, shape [32]; value = raw * 2^-18.
// Raws of the format, emitted by Etch; the kernels reinterpret them (etch::from_raw).
#ifndef ETCH_braggnn_nlb_phi_layer_bias_H
#define ETCH_braggnn_nlb_phi_layer_bias_H

static const short nlb_phi_layer_bias[32] = {
    23058, 17387, 23474, -21872, 6651, 15902, -16961, -12803, 12666, 6326, 1781, -19355,
    17620, -14596, 29749, -27002, 24547, 27065, 7903, -24091, 544, 7148, 28943, 30669,
    -7665, -9731, 32682, 31707, 10399, 15056, -671, 22872,
};

#endif
