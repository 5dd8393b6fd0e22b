// Constant 'nlb.out_cnn.bias': ap_fixed<16,-1,AP_RND_CONV,AP_SAT>, shape [64]; value = raw * 2^-17.
// Raws of the format, emitted by Etch; the kernels reinterpret them (etch::from_raw).
#ifndef ETCH_braggnn_nlb_out_cnn_bias_H
#define ETCH_braggnn_nlb_out_cnn_bias_H

static const short nlb_out_cnn_bias[64] = {
    -4781, 7339, 4232, 25754, 6850, -6516, 23243, -6811, -8567, 14053, -16728, 23348,
    1102, -8345, -2580, -12814, 14631, -7700, 12075, 364, 10267, -5603, -7101, 10356,
    10370, 14252, -9080, -24290, -14278, 15294, -10739, 7547, -1198, 1565, -1586, 14278,
    -2075, -494, 8535, -14375, 3446, -8618, 13441, 25428, 20394, -6277, 2212, 21970,
    -14410, -748, 10883, -14442, 18677, -8895, -12460, 12283, 23796, 17258, -17037, 22716,
    -8275, 25221, -2711, 11265,
};

#endif
