// lattice_classifier: the types and the top function of the firmware that Etch emitted for
// the fixed-point program 'lattice_classifier'. Every tensor has one type; every
// accumulator and exact sum has its own (Etch's docs/fixed-ir.md states each step).
#ifndef ETCH_lattice_classifier_H
#define ETCH_lattice_classifier_H

#include "etch/etch_types.h"

// Tensors: the inputs, then each layer's result in execution order.
typedef ap_fixed<16,3,AP_RND_CONV,AP_SAT> frame_t;  // input 'frame' [1, 64, 64]
typedef ap_fixed<16,6,AP_RND_CONV,AP_SAT> relu1_t;  // conv2d 'relu1' [16, 15, 15]
typedef ap_fixed<16,7,AP_RND_CONV,AP_SAT> relu2_t;  // conv2d 'relu2' [32, 7, 7]
typedef ap_fixed<16,7,AP_RND_CONV,AP_SAT> relu3_t;  // conv2d 'relu3' [32, 3, 3]
typedef ap_fixed<16,7,AP_RND_CONV,AP_SAT> flatten_t;  // reshape 'flatten' [288]
typedef ap_fixed<16,8,AP_RND_CONV,AP_SAT> logits_t;  // dense 'logits' [5]
typedef ap_fixed<16,2,AP_RND_CONV,AP_SAT> probabilities_t;  // softmax 'probabilities' [5]

// Accumulators and exact sums.
typedef ap_fixed<36,8> relu1_accum_t;
typedef ap_fixed<36,11> relu2_accum_t;
typedef ap_fixed<37,13> relu3_accum_t;
typedef ap_fixed<37,13> logits_accum_t;
typedef ap_fixed<20,4> probabilities_sum_t;

// Constants and tables (their raws are in weights/).
typedef ap_fixed<16,0,AP_RND_CONV,AP_SAT> conv1_bias_t;
typedef ap_fixed<16,1,AP_RND_CONV,AP_SAT> conv1_weight_t;
typedef ap_fixed<16,-1,AP_RND_CONV,AP_SAT> conv2_bias_t;
typedef ap_fixed<16,1,AP_RND_CONV,AP_SAT> conv2_weight_t;
typedef ap_fixed<16,-1,AP_RND_CONV,AP_SAT> conv3_bias_t;
typedef ap_fixed<16,1,AP_RND_CONV,AP_SAT> conv3_weight_t;
typedef ap_fixed<16,-1,AP_RND_CONV,AP_SAT> logits_bias_t;
typedef ap_fixed<16,1,AP_RND_CONV,AP_SAT> logits_weight_t;
typedef ap_fixed<18,2,AP_RND_CONV,AP_SAT> probabilities_exp_t;
typedef ap_fixed<18,2,AP_RND_CONV,AP_SAT> probabilities_reciprocal_t;

// The top function: one frame per call.
void lattice_classifier(const frame_t frame[4096], probabilities_t probabilities[5]);

#endif
