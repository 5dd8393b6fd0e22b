// Constant 'nlb.theta_layer.bias': ap_fixed<16,-1,AP_RND_CONV,AP_SAT>, shape [32]; value = raw * 2^-17.
// Raws of the format, emitted by Etch; the kernels reinterpret them (etch::from_raw).
#ifndef ETCH_braggnn_fc16_8_4_2_sz11_nlb_theta_layer_bias_H
#define ETCH_braggnn_fc16_8_4_2_sz11_nlb_theta_layer_bias_H

static const short nlb_theta_layer_bias[32] = {
    -2700, -3820, -16232, 15362, -5775, -2344, 21052, 7607, -3336, 3968, 7627, 26039,
    -747, 2295, 8185, -18194, -6932, 1181, -17558, -915, 3823, 19851, -5239, 5689,
    7834, -8836, 10164, 10187, -9296, 7455, -6484, -8280,
};

#endif
