// strain_encoder: the types and the top function of the firmware that Etch emitted for
// the fixed-point program 'strain_encoder'. Every tensor has one type; every
// accumulator and exact sum has its own (Etch's docs/fixed-ir.md states each step).
#ifndef ETCH_strain_encoder_H
#define ETCH_strain_encoder_H

#include "etch/etch_types.h"

// Tensors: the inputs, then each layer's result in execution order.
typedef ap_fixed<16,3,AP_RND_CONV,AP_SAT> frame_t;  // input 'frame' [1, 64, 64]
typedef ap_fixed<16,4,AP_RND_CONV,AP_SAT> relu1_t;  // conv2d 'relu1' [16, 15, 15]
typedef ap_fixed<16,4,AP_RND_CONV,AP_SAT> relu2_t;  // conv2d 'relu2' [32, 7, 7]
typedef ap_fixed<16,5,AP_RND_CONV,AP_SAT> relu3_t;  // conv2d 'relu3' [32, 3, 3]
typedef ap_fixed<16,5,AP_RND_CONV,AP_SAT> flatten_t;  // reshape 'flatten' [288]
typedef ap_fixed<16,5,AP_RND_CONV,AP_SAT> strain_t;  // dense 'strain' [4]

// Accumulators and exact sums.
typedef ap_fixed<35,7> relu1_accum_t;
typedef ap_fixed<36,8> relu2_accum_t;
typedef ap_fixed<37,9> relu3_accum_t;
typedef ap_fixed<37,10> strain_accum_t;

// Constants and tables (their raws are in weights/).
typedef ap_fixed<16,0,AP_RND_CONV,AP_SAT> conv1_bias_t;
typedef ap_fixed<16,1,AP_RND_CONV,AP_SAT> conv1_weight_t;
typedef ap_fixed<16,-1,AP_RND_CONV,AP_SAT> conv2_bias_t;
typedef ap_fixed<16,0,AP_RND_CONV,AP_SAT> conv2_weight_t;
typedef ap_fixed<16,-2,AP_RND_CONV,AP_SAT> conv3_bias_t;
typedef ap_fixed<16,0,AP_RND_CONV,AP_SAT> conv3_weight_t;
typedef ap_fixed<16,-3,AP_RND_CONV,AP_SAT> strain_bias_t;
typedef ap_fixed<16,0,AP_RND_CONV,AP_SAT> strain_weight_t;

// The top function: one frame per call.
void strain_encoder(const frame_t frame[4096], strain_t strain[4]);

#endif
