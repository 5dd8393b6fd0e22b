// Constant 'nlb.phi_layer.bias': ap_fixed<13,-15,AP_RND_CONV,AP_SAT>, shape [32]; value = raw * 2^-28.
// Raws of the format, emitted by Etch; the kernels reinterpret them (etch::from_raw).
#ifndef ETCH_braggnn_fc16_8_4_2_sz11_nlb_phi_layer_bias_H
#define ETCH_braggnn_fc16_8_4_2_sz11_nlb_phi_layer_bias_H

static const short nlb_phi_layer_bias[32] = {
    -2045, 107, -573, -1024, -1199, -552, -86, 467, -1117, 1370, 504, 1087,
    997, -914, 2392, 2147, 110, 837, 414, -2523, -373, -2586, -1161, 425,
    1105, 3125, 1310, 1632, -1549, -815, -1006, 968,
};

#endif
