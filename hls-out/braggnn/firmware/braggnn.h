// braggnn: the types and the top function of the firmware that Etch emitted for
// the fixed-point program 'braggnn'. Every tensor has one type; every
// accumulator and exact sum has its own (Etch's docs/fixed-ir.md states each step).
#ifndef ETCH_braggnn_H
#define ETCH_braggnn_H

#include "etch/etch_types.h"

// Tensors: the inputs, then each layer's result in execution order.
typedef ap_fixed<16,3,AP_RND_CONV,AP_SAT> patch_t;  // input 'patch' [1, 11, 11]
typedef ap_fixed<16,3,AP_RND_CONV,AP_SAT> conv1_t;  // conv2d 'conv1' [64, 9, 9]
typedef ap_fixed<16,3,AP_RND_CONV,AP_SAT> nlb_theta_t;  // conv2d 'nlb_theta' [32, 9, 9]
typedef ap_fixed<16,5,AP_RND_CONV,AP_SAT> nlb_phi_t;  // conv2d 'nlb_phi' [32, 9, 9]
typedef ap_fixed<16,4,AP_RND_CONV,AP_SAT> nlb_g_t;  // conv2d 'nlb_g' [32, 9, 9]
typedef ap_fixed<16,3,AP_RND_CONV,AP_SAT> nlb_theta_flat_t;  // reshape 'nlb_theta_flat' [32, 81]
typedef ap_fixed<16,3,AP_RND_CONV,AP_SAT> nlb_theta_t_2_t;  // transpose 'nlb_theta_t' [81, 32]
typedef ap_fixed<16,5,AP_RND_CONV,AP_SAT> nlb_phi_flat_t;  // reshape 'nlb_phi_flat' [32, 81]
typedef ap_fixed<16,4,AP_RND_CONV,AP_SAT> nlb_g_flat_t;  // reshape 'nlb_g_flat' [32, 81]
typedef ap_fixed<16,4,AP_RND_CONV,AP_SAT> nlb_g_t_2_t;  // transpose 'nlb_g_t' [81, 32]
typedef ap_fixed<16,8,AP_RND_CONV,AP_SAT> nlb_affinity_t;  // matmul 'nlb_affinity' [81, 81]
typedef ap_fixed<16,2,AP_RND_CONV,AP_SAT> nlb_attention_t;  // softmax 'nlb_attention' [81, 81]
typedef ap_fixed<16,4,AP_RND_CONV,AP_SAT> nlb_y_t;  // matmul 'nlb_y' [81, 32]
typedef ap_fixed<16,4,AP_RND_CONV,AP_SAT> nlb_y_t_2_t;  // transpose 'nlb_y_t' [32, 81]
typedef ap_fixed<16,4,AP_RND_CONV,AP_SAT> nlb_y_map_t;  // reshape 'nlb_y_map' [32, 9, 9]
typedef ap_fixed<16,4,AP_RND_CONV,AP_SAT> nlb_out_t;  // conv2d 'nlb_out' [64, 9, 9]
typedef ap_fixed<16,4,AP_RND_CONV,AP_SAT> nlb_residual_t;  // add 'nlb_residual' [64, 9, 9]
typedef ap_fixed<16,4,AP_RND_CONV,AP_SAT> act1_t;  // leaky_relu 'act1' [64, 9, 9]
typedef ap_fixed<16,7,AP_RND_CONV,AP_SAT> act2_t;  // conv2d 'act2' [32, 7, 7]
typedef ap_fixed<16,9,AP_RND_CONV,AP_SAT> act3_t;  // conv2d 'act3' [8, 5, 5]
typedef ap_fixed<16,9,AP_RND_CONV,AP_SAT> flatten_t;  // reshape 'flatten' [200]
typedef ap_fixed<16,10,AP_RND_CONV,AP_SAT> fc1_act_t;  // dense 'fc1_act' [16]
typedef ap_fixed<16,10,AP_RND_CONV,AP_SAT> fc2_act_t;  // dense 'fc2_act' [8]
typedef ap_fixed<16,9,AP_RND_CONV,AP_SAT> fc3_act_t;  // dense 'fc3_act' [4]
typedef ap_fixed<16,4,AP_RND_CONV,AP_SAT> fc4_act_t;  // dense 'fc4_act' [2]
typedef ap_fixed<16,2,AP_RND_CONV,AP_SAT> peak_t;  // dense 'peak' [2]

// Accumulators and exact sums.
typedef ap_fixed<34,5> conv1_accum_t;
typedef ap_fixed<35,6> nlb_theta_accum_t;
typedef ap_fixed<35,6> nlb_phi_accum_t;
typedef ap_fixed<36,6> nlb_g_accum_t;
typedef ap_fixed<37,13> nlb_affinity_accum_t;
typedef ap_fixed<24,8> nlb_attention_sum_t;
typedef ap_fixed<38,12> nlb_y_accum_t;
typedef ap_fixed<34,6> nlb_out_accum_t;
typedef ap_fixed<38,9> act2_accum_t;
typedef ap_fixed<37,12> act3_accum_t;
typedef ap_fixed<37,13> fc1_act_accum_t;
typedef ap_fixed<34,12> fc2_act_accum_t;
typedef ap_fixed<33,11> fc3_act_accum_t;
typedef ap_fixed<33,11> fc4_act_accum_t;
typedef ap_fixed<32,2> peak_accum_t;

// Constants and tables (their raws are in weights/).
typedef ap_fixed<14,-5,AP_RND_CONV,AP_SAT> act1_alpha_t;
typedef ap_fixed<14,-5,AP_RND_CONV,AP_SAT> act2_alpha_t;
typedef ap_fixed<14,-5,AP_RND_CONV,AP_SAT> act3_alpha_t;
typedef ap_fixed<16,0,AP_RND_CONV,AP_SAT> conv1_bias_t;
typedef ap_fixed<16,0,AP_RND_CONV,AP_SAT> conv1_weight_t;
typedef ap_fixed<16,-2,AP_RND_CONV,AP_SAT> conv2_bias_t;
typedef ap_fixed<16,-1,AP_RND_CONV,AP_SAT> conv2_weight_t;
typedef ap_fixed<16,-3,AP_RND_CONV,AP_SAT> conv3_bias_t;
typedef ap_fixed<16,0,AP_RND_CONV,AP_SAT> conv3_weight_t;
typedef ap_fixed<16,-2,AP_RND_CONV,AP_SAT> dense_0_bias_t;
typedef ap_fixed<16,-1,AP_RND_CONV,AP_SAT> dense_0_weight_t;
typedef ap_fixed<16,-1,AP_RND_CONV,AP_SAT> dense_1_bias_t;
typedef ap_fixed<16,0,AP_RND_CONV,AP_SAT> dense_1_weight_t;
typedef ap_fixed<16,-2,AP_RND_CONV,AP_SAT> dense_2_bias_t;
typedef ap_fixed<16,0,AP_RND_CONV,AP_SAT> dense_2_weight_t;
typedef ap_fixed<16,-2,AP_RND_CONV,AP_SAT> dense_3_bias_t;
typedef ap_fixed<16,1,AP_RND_CONV,AP_SAT> dense_3_weight_t;
typedef ap_fixed<16,1,AP_RND_CONV,AP_SAT> dense_4_bias_t;
typedef ap_fixed<16,-2,AP_RND_CONV,AP_SAT> dense_4_weight_t;
typedef ap_fixed<14,-5,AP_RND_CONV,AP_SAT> fc1_act_alpha_t;
typedef ap_fixed<14,-5,AP_RND_CONV,AP_SAT> fc2_act_alpha_t;
typedef ap_fixed<14,-5,AP_RND_CONV,AP_SAT> fc3_act_alpha_t;
typedef ap_fixed<14,-5,AP_RND_CONV,AP_SAT> fc4_act_alpha_t;
typedef ap_fixed<16,-1,AP_RND_CONV,AP_SAT> nlb_g_layer_bias_t;
typedef ap_fixed<16,-1,AP_RND_CONV,AP_SAT> nlb_g_layer_weight_t;
typedef ap_fixed<16,-1,AP_RND_CONV,AP_SAT> nlb_out_cnn_bias_t;
typedef ap_fixed<16,0,AP_RND_CONV,AP_SAT> nlb_out_cnn_weight_t;
typedef ap_fixed<16,-2,AP_RND_CONV,AP_SAT> nlb_phi_layer_bias_t;
typedef ap_fixed<16,0,AP_RND_CONV,AP_SAT> nlb_phi_layer_weight_t;
typedef ap_fixed<16,-1,AP_RND_CONV,AP_SAT> nlb_theta_layer_bias_t;
typedef ap_fixed<16,0,AP_RND_CONV,AP_SAT> nlb_theta_layer_weight_t;
typedef ap_fixed<18,2,AP_RND_CONV,AP_SAT> nlb_attention_exp_t;
typedef ap_fixed<18,2,AP_RND_CONV,AP_SAT> nlb_attention_reciprocal_t;

// Stream beats: the values of one transfer (TensorInfo layout).
typedef etch::beat<patch_t, 1> patch_beat_t;
typedef etch::beat<conv1_t, 64> conv1_beat_t;
typedef etch::beat<nlb_theta_t, 32> nlb_theta_beat_t;
typedef etch::beat<nlb_phi_t, 32> nlb_phi_beat_t;
typedef etch::beat<nlb_g_t, 32> nlb_g_beat_t;
typedef etch::beat<nlb_theta_flat_t, 32> nlb_theta_flat_beat_t;
typedef etch::beat<nlb_theta_t_2_t, 81> nlb_theta_t_2_beat_t;
typedef etch::beat<nlb_phi_flat_t, 32> nlb_phi_flat_beat_t;
typedef etch::beat<nlb_g_flat_t, 32> nlb_g_flat_beat_t;
typedef etch::beat<nlb_g_t_2_t, 81> nlb_g_t_2_beat_t;
typedef etch::beat<nlb_affinity_t, 81> nlb_affinity_beat_t;
typedef etch::beat<nlb_attention_t, 81> nlb_attention_beat_t;
typedef etch::beat<nlb_y_t, 81> nlb_y_beat_t;
typedef etch::beat<nlb_y_t_2_t, 32> nlb_y_t_2_beat_t;
typedef etch::beat<nlb_y_map_t, 32> nlb_y_map_beat_t;
typedef etch::beat<nlb_out_t, 64> nlb_out_beat_t;
typedef etch::beat<nlb_residual_t, 64> nlb_residual_beat_t;
typedef etch::beat<act1_t, 64> act1_beat_t;
typedef etch::beat<act2_t, 32> act2_beat_t;
typedef etch::beat<act3_t, 8> act3_beat_t;
typedef etch::beat<flatten_t, 200> flatten_beat_t;
typedef etch::beat<fc1_act_t, 16> fc1_act_beat_t;
typedef etch::beat<fc2_act_t, 8> fc2_act_beat_t;
typedef etch::beat<fc3_act_t, 4> fc3_act_beat_t;
typedef etch::beat<fc4_act_t, 2> fc4_act_beat_t;
typedef etch::beat<peak_t, 2> peak_beat_t;

// The top function: one frame per call.
void braggnn(hls::stream<patch_beat_t>& patch, hls::stream<peak_beat_t>& peak);

#endif
