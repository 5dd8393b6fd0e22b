// Constant 'nlb.theta_layer.bias': ap_fixed<16,-1,AP_RND_CONV,AP_SAT>, shape [32]; value = raw * 2^-17.
// Raws of the format, emitted by Etch; the kernels reinterpret them (etch::from_raw).
#ifndef ETCH_braggnn_nlb_theta_layer_bias_H
#define ETCH_braggnn_nlb_theta_layer_bias_H

static const short nlb_theta_layer_bias[32] = {
    -5332, 8053, 9905, 9934, 2433, -6139, 9946, 1544, -262, 12197, 6156, 315,
    4050, 8870, -2049, -12899, -9958, 12909, -15079, 9822, -18594, 10339, -6923, 18922,
    903, 5778, 4433, 6932, 14089, 13369, -14058, 8713,
};

#endif
