// braggnn: the firmware of the fixed-point program 'braggnn',
// emitted by Etch. Architecture: stream (hls::stream between layers, DATAFLOW, line buffers, axis ports).
#include "braggnn.h"
#include "etch/etch.h"
#include "weights/act1_alpha.h"
#include "weights/act2_alpha.h"
#include "weights/act3_alpha.h"
#include "weights/conv1_bias.h"
#include "weights/conv1_weight.h"
#include "weights/conv2_bias.h"
#include "weights/conv2_weight.h"
#include "weights/conv3_bias.h"
#include "weights/conv3_weight.h"
#include "weights/dense_0_bias.h"
#include "weights/dense_0_weight.h"
#include "weights/dense_1_bias.h"
#include "weights/dense_1_weight.h"
#include "weights/dense_2_bias.h"
#include "weights/dense_2_weight.h"
#include "weights/dense_3_bias.h"
#include "weights/dense_3_weight.h"
#include "weights/dense_4_bias.h"
#include "weights/dense_4_weight.h"
#include "weights/fc1_act_alpha.h"
#include "weights/fc2_act_alpha.h"
#include "weights/fc3_act_alpha.h"
#include "weights/fc4_act_alpha.h"
#include "weights/nlb_g_layer_bias.h"
#include "weights/nlb_g_layer_weight.h"
#include "weights/nlb_out_cnn_bias.h"
#include "weights/nlb_out_cnn_weight.h"
#include "weights/nlb_phi_layer_bias.h"
#include "weights/nlb_phi_layer_weight.h"
#include "weights/nlb_theta_layer_bias.h"
#include "weights/nlb_theta_layer_weight.h"
#include "weights/nlb_attention_exp.h"
#include "weights/nlb_attention_reciprocal.h"

// Layer configurations (read by the kernels of etch/).
struct conv1_config {
  typedef conv1_accum_t accum_t;
  static const int in_c = 1;
  static const int in_h = 11;
  static const int in_w = 11;
  static const int out_c = 64;
  static const int out_h = 9;
  static const int out_w = 9;
  static const int k_h = 3;
  static const int k_w = 3;
  static const int stride_h = 1;
  static const int stride_w = 1;
  static const int pad_top = 0;
  static const int pad_left = 0;
  static const int dil_h = 1;
  static const int dil_w = 1;
  static const int groups = 1;
  static const int reuse_factor = 1;
  static const int multipliers = 576;
  static const int has_bias = 1;
  typedef conv1_weight_t weight_t;
  typedef conv1_bias_t bias_t;
  static const int activation = 0;
  typedef ap_uint<1> alpha_t;
};

struct nlb_theta_config {
  typedef nlb_theta_accum_t accum_t;
  static const int in_c = 64;
  static const int in_h = 9;
  static const int in_w = 9;
  static const int out_c = 32;
  static const int out_h = 9;
  static const int out_w = 9;
  static const int k_h = 1;
  static const int k_w = 1;
  static const int stride_h = 1;
  static const int stride_w = 1;
  static const int pad_top = 0;
  static const int pad_left = 0;
  static const int dil_h = 1;
  static const int dil_w = 1;
  static const int groups = 1;
  static const int reuse_factor = 1;
  static const int multipliers = 2048;
  static const int has_bias = 1;
  typedef nlb_theta_layer_weight_t weight_t;
  typedef nlb_theta_layer_bias_t bias_t;
  static const int activation = 0;
  typedef ap_uint<1> alpha_t;
};

struct nlb_phi_config {
  typedef nlb_phi_accum_t accum_t;
  static const int in_c = 64;
  static const int in_h = 9;
  static const int in_w = 9;
  static const int out_c = 32;
  static const int out_h = 9;
  static const int out_w = 9;
  static const int k_h = 1;
  static const int k_w = 1;
  static const int stride_h = 1;
  static const int stride_w = 1;
  static const int pad_top = 0;
  static const int pad_left = 0;
  static const int dil_h = 1;
  static const int dil_w = 1;
  static const int groups = 1;
  static const int reuse_factor = 1;
  static const int multipliers = 2048;
  static const int has_bias = 1;
  typedef nlb_phi_layer_weight_t weight_t;
  typedef nlb_phi_layer_bias_t bias_t;
  static const int activation = 0;
  typedef ap_uint<1> alpha_t;
};

struct nlb_g_config {
  typedef nlb_g_accum_t accum_t;
  static const int in_c = 64;
  static const int in_h = 9;
  static const int in_w = 9;
  static const int out_c = 32;
  static const int out_h = 9;
  static const int out_w = 9;
  static const int k_h = 1;
  static const int k_w = 1;
  static const int stride_h = 1;
  static const int stride_w = 1;
  static const int pad_top = 0;
  static const int pad_left = 0;
  static const int dil_h = 1;
  static const int dil_w = 1;
  static const int groups = 1;
  static const int reuse_factor = 1;
  static const int multipliers = 2048;
  static const int has_bias = 1;
  typedef nlb_g_layer_weight_t weight_t;
  typedef nlb_g_layer_bias_t bias_t;
  static const int activation = 0;
  typedef ap_uint<1> alpha_t;
};

struct nlb_theta_flat_config {
  static const int n = 2592;
};

struct nlb_theta_t_2_config {
  static const int n = 2592;
  static const int d0 = 81;
  static const int d1 = 32;
  static const int d2 = 1;
  static const int d3 = 1;
  static const int d4 = 1;
  static const int d5 = 1;
  static const int s0 = 1;
  static const int s1 = 81;
  static const int s2 = 0;
  static const int s3 = 0;
  static const int s4 = 0;
  static const int s5 = 0;
};

struct nlb_phi_flat_config {
  static const int n = 2592;
};

struct nlb_g_flat_config {
  static const int n = 2592;
};

struct nlb_g_t_2_config {
  static const int n = 2592;
  static const int d0 = 81;
  static const int d1 = 32;
  static const int d2 = 1;
  static const int d3 = 1;
  static const int d4 = 1;
  static const int d5 = 1;
  static const int s0 = 1;
  static const int s1 = 81;
  static const int s2 = 0;
  static const int s3 = 0;
  static const int s4 = 0;
  static const int s5 = 0;
};

struct nlb_affinity_config {
  typedef nlb_affinity_accum_t accum_t;
  static const int n_batch = 1;
  static const int n_m = 81;
  static const int n_k = 32;
  static const int n_n = 81;
  static const int reuse_factor = 1;
  static const int multipliers = 209952;
};

struct nlb_attention_config {
  static const int c = 81;
  static const int p = 81;
  static const int reuse_factor = 1;
  static const int outer = 81;
  static const int length = 81;
  static const int inner = 1;
  typedef nlb_attention_exp_t exp_t;
  typedef nlb_attention_sum_t sum_t;
  typedef nlb_attention_reciprocal_t rec_t;
  static const int exp_shift = 2;
  static const long long exp_offset = 1024LL;
  static const int exp_size = 1024;
  static const int rec_shift = 10;
  static const long long rec_offset = -63LL;
  static const int rec_size = 5071;
};

struct nlb_y_config {
  typedef nlb_y_accum_t accum_t;
  static const int n_batch = 1;
  static const int n_m = 81;
  static const int n_k = 81;
  static const int n_n = 32;
  static const int reuse_factor = 1;
  static const int multipliers = 209952;
};

struct nlb_y_t_2_config {
  static const int n = 2592;
  static const int d0 = 32;
  static const int d1 = 81;
  static const int d2 = 1;
  static const int d3 = 1;
  static const int d4 = 1;
  static const int d5 = 1;
  static const int s0 = 1;
  static const int s1 = 32;
  static const int s2 = 0;
  static const int s3 = 0;
  static const int s4 = 0;
  static const int s5 = 0;
};

struct nlb_y_map_config {
  static const int n = 2592;
};

struct nlb_out_config {
  typedef nlb_out_accum_t accum_t;
  static const int in_c = 32;
  static const int in_h = 9;
  static const int in_w = 9;
  static const int out_c = 64;
  static const int out_h = 9;
  static const int out_w = 9;
  static const int k_h = 1;
  static const int k_w = 1;
  static const int stride_h = 1;
  static const int stride_w = 1;
  static const int pad_top = 0;
  static const int pad_left = 0;
  static const int dil_h = 1;
  static const int dil_w = 1;
  static const int groups = 1;
  static const int reuse_factor = 1;
  static const int multipliers = 2048;
  static const int has_bias = 1;
  typedef nlb_out_cnn_weight_t weight_t;
  typedef nlb_out_cnn_bias_t bias_t;
  static const int activation = 0;
  typedef ap_uint<1> alpha_t;
};

struct nlb_residual_config {
  static const int c = 64;
  static const int p = 81;
  static const int reuse_factor = 1;
  static const int is_add = 1;
};

struct act1_config {
  static const int c = 64;
  static const int p = 81;
  static const int reuse_factor = 1;
  static const int activation = 2;
  typedef act1_alpha_t alpha_t;
};

struct act2_config {
  typedef act2_accum_t accum_t;
  static const int in_c = 64;
  static const int in_h = 9;
  static const int in_w = 9;
  static const int out_c = 32;
  static const int out_h = 7;
  static const int out_w = 7;
  static const int k_h = 3;
  static const int k_w = 3;
  static const int stride_h = 1;
  static const int stride_w = 1;
  static const int pad_top = 0;
  static const int pad_left = 0;
  static const int dil_h = 1;
  static const int dil_w = 1;
  static const int groups = 1;
  static const int reuse_factor = 1;
  static const int multipliers = 18432;
  static const int has_bias = 1;
  typedef conv2_weight_t weight_t;
  typedef conv2_bias_t bias_t;
  static const int activation = 2;
  typedef act2_alpha_t alpha_t;
};

struct act3_config {
  typedef act3_accum_t accum_t;
  static const int in_c = 32;
  static const int in_h = 7;
  static const int in_w = 7;
  static const int out_c = 8;
  static const int out_h = 5;
  static const int out_w = 5;
  static const int k_h = 3;
  static const int k_w = 3;
  static const int stride_h = 1;
  static const int stride_w = 1;
  static const int pad_top = 0;
  static const int pad_left = 0;
  static const int dil_h = 1;
  static const int dil_w = 1;
  static const int groups = 1;
  static const int reuse_factor = 1;
  static const int multipliers = 2304;
  static const int has_bias = 1;
  typedef conv3_weight_t weight_t;
  typedef conv3_bias_t bias_t;
  static const int activation = 2;
  typedef act3_alpha_t alpha_t;
};

struct flatten_config {
  static const int n = 200;
};

struct fc1_act_config {
  typedef fc1_act_accum_t accum_t;
  static const int n_rows = 1;
  static const int n_in = 200;
  static const int n_out = 16;
  static const int has_bias = 1;
  typedef dense_0_weight_t weight_t;
  typedef dense_0_bias_t bias_t;
  static const int activation = 2;
  typedef fc1_act_alpha_t alpha_t;
  static const int reuse_factor = 1;
  static const int multipliers = 3200;
};

struct fc2_act_config {
  typedef fc2_act_accum_t accum_t;
  static const int n_rows = 1;
  static const int n_in = 16;
  static const int n_out = 8;
  static const int has_bias = 1;
  typedef dense_1_weight_t weight_t;
  typedef dense_1_bias_t bias_t;
  static const int activation = 2;
  typedef fc2_act_alpha_t alpha_t;
  static const int reuse_factor = 1;
  static const int multipliers = 128;
};

struct fc3_act_config {
  typedef fc3_act_accum_t accum_t;
  static const int n_rows = 1;
  static const int n_in = 8;
  static const int n_out = 4;
  static const int has_bias = 1;
  typedef dense_2_weight_t weight_t;
  typedef dense_2_bias_t bias_t;
  static const int activation = 2;
  typedef fc3_act_alpha_t alpha_t;
  static const int reuse_factor = 1;
  static const int multipliers = 32;
};

struct fc4_act_config {
  typedef fc4_act_accum_t accum_t;
  static const int n_rows = 1;
  static const int n_in = 4;
  static const int n_out = 2;
  static const int has_bias = 1;
  typedef dense_3_weight_t weight_t;
  typedef dense_3_bias_t bias_t;
  static const int activation = 2;
  typedef fc4_act_alpha_t alpha_t;
  static const int reuse_factor = 1;
  static const int multipliers = 8;
};

struct peak_config {
  typedef peak_accum_t accum_t;
  static const int n_rows = 1;
  static const int n_in = 2;
  static const int n_out = 2;
  static const int has_bias = 1;
  typedef dense_4_weight_t weight_t;
  typedef dense_4_bias_t bias_t;
  static const int activation = 0;
  typedef ap_uint<1> alpha_t;
  static const int reuse_factor = 1;
  static const int multipliers = 4;
};

// transpose 'nlb_theta_t' on whole frames.
static void nlb_theta_t_2_stage(hls::stream<nlb_theta_flat_beat_t>& etch_in0, hls::stream<nlb_theta_t_2_beat_t>& etch_out) {
  nlb_theta_flat_t etch_a0[2592];
  etch::read_frame<nlb_theta_flat_t, 32, 81>(etch_in0, etch_a0);
  nlb_theta_t_2_t etch_y[2592];
  etch::transpose<nlb_theta_flat_t, nlb_theta_t_2_t, nlb_theta_t_2_config>(etch_a0, etch_y);
  etch::write_frame<nlb_theta_t_2_t, 81, 32>(etch_y, etch_out);
}

// transpose 'nlb_g_t' on whole frames.
static void nlb_g_t_2_stage(hls::stream<nlb_g_flat_beat_t>& etch_in0, hls::stream<nlb_g_t_2_beat_t>& etch_out) {
  nlb_g_flat_t etch_a0[2592];
  etch::read_frame<nlb_g_flat_t, 32, 81>(etch_in0, etch_a0);
  nlb_g_t_2_t etch_y[2592];
  etch::transpose<nlb_g_flat_t, nlb_g_t_2_t, nlb_g_t_2_config>(etch_a0, etch_y);
  etch::write_frame<nlb_g_t_2_t, 81, 32>(etch_y, etch_out);
}

// matmul 'nlb_affinity' on whole frames.
static void nlb_affinity_stage(hls::stream<nlb_theta_t_2_beat_t>& etch_in0, hls::stream<nlb_phi_flat_beat_t>& etch_in1, hls::stream<nlb_affinity_beat_t>& etch_out) {
  nlb_theta_t_2_t etch_a0[2592];
  etch::read_frame<nlb_theta_t_2_t, 81, 32>(etch_in0, etch_a0);
  nlb_phi_flat_t etch_a1[2592];
  etch::read_frame<nlb_phi_flat_t, 32, 81>(etch_in1, etch_a1);
  nlb_affinity_t etch_y[6561];
  etch::matmul<nlb_theta_t_2_t, nlb_phi_flat_t, nlb_affinity_t, nlb_affinity_config>(etch_a0, etch_a1, etch_y);
  etch::write_frame<nlb_affinity_t, 81, 81>(etch_y, etch_out);
}

// softmax 'nlb_attention' on whole frames.
static void nlb_attention_stage(hls::stream<nlb_affinity_beat_t>& etch_in0, hls::stream<nlb_attention_beat_t>& etch_out) {
  nlb_affinity_t etch_a0[6561];
  etch::read_frame<nlb_affinity_t, 81, 81>(etch_in0, etch_a0);
  nlb_attention_t etch_y[6561];
  etch::softmax<nlb_affinity_t, nlb_attention_t, nlb_attention_config>(etch_a0, etch_y, nlb_attention_exp, nlb_attention_reciprocal);
  etch::write_frame<nlb_attention_t, 81, 81>(etch_y, etch_out);
}

// matmul 'nlb_y' on whole frames.
static void nlb_y_stage(hls::stream<nlb_attention_beat_t>& etch_in0, hls::stream<nlb_g_t_2_beat_t>& etch_in1, hls::stream<nlb_y_beat_t>& etch_out) {
  nlb_attention_t etch_a0[6561];
  etch::read_frame<nlb_attention_t, 81, 81>(etch_in0, etch_a0);
  nlb_g_t_2_t etch_a1[2592];
  etch::read_frame<nlb_g_t_2_t, 81, 32>(etch_in1, etch_a1);
  nlb_y_t etch_y[2592];
  etch::matmul<nlb_attention_t, nlb_g_t_2_t, nlb_y_t, nlb_y_config>(etch_a0, etch_a1, etch_y);
  etch::write_frame<nlb_y_t, 81, 32>(etch_y, etch_out);
}

// transpose 'nlb_y_t' on whole frames.
static void nlb_y_t_2_stage(hls::stream<nlb_y_beat_t>& etch_in0, hls::stream<nlb_y_t_2_beat_t>& etch_out) {
  nlb_y_t etch_a0[2592];
  etch::read_frame<nlb_y_t, 81, 32>(etch_in0, etch_a0);
  nlb_y_t_2_t etch_y[2592];
  etch::transpose<nlb_y_t, nlb_y_t_2_t, nlb_y_t_2_config>(etch_a0, etch_y);
  etch::write_frame<nlb_y_t_2_t, 32, 81>(etch_y, etch_out);
}

// reshape 'flatten' on whole frames.
static void flatten_stage(hls::stream<act3_beat_t>& etch_in0, hls::stream<flatten_beat_t>& etch_out) {
  act3_t etch_a0[200];
  etch::read_frame<act3_t, 8, 25>(etch_in0, etch_a0);
  flatten_t etch_y[200];
  etch::copy<act3_t, flatten_t, flatten_config>(etch_a0, etch_y);
  etch::write_frame<flatten_t, 200, 1>(etch_y, etch_out);
}

// dense 'fc1_act' on whole frames.
static void fc1_act_stage(hls::stream<flatten_beat_t>& etch_in0, hls::stream<fc1_act_beat_t>& etch_out) {
  flatten_t etch_a0[200];
  etch::read_frame<flatten_t, 200, 1>(etch_in0, etch_a0);
  fc1_act_t etch_y[16];
  etch::dense<flatten_t, fc1_act_t, fc1_act_config>(etch_a0, etch_y, dense_0_weight, dense_0_bias, fc1_act_alpha);
  etch::write_frame<fc1_act_t, 16, 1>(etch_y, etch_out);
}

// dense 'fc2_act' on whole frames.
static void fc2_act_stage(hls::stream<fc1_act_beat_t>& etch_in0, hls::stream<fc2_act_beat_t>& etch_out) {
  fc1_act_t etch_a0[16];
  etch::read_frame<fc1_act_t, 16, 1>(etch_in0, etch_a0);
  fc2_act_t etch_y[8];
  etch::dense<fc1_act_t, fc2_act_t, fc2_act_config>(etch_a0, etch_y, dense_1_weight, dense_1_bias, fc2_act_alpha);
  etch::write_frame<fc2_act_t, 8, 1>(etch_y, etch_out);
}

// dense 'fc3_act' on whole frames.
static void fc3_act_stage(hls::stream<fc2_act_beat_t>& etch_in0, hls::stream<fc3_act_beat_t>& etch_out) {
  fc2_act_t etch_a0[8];
  etch::read_frame<fc2_act_t, 8, 1>(etch_in0, etch_a0);
  fc3_act_t etch_y[4];
  etch::dense<fc2_act_t, fc3_act_t, fc3_act_config>(etch_a0, etch_y, dense_2_weight, dense_2_bias, fc3_act_alpha);
  etch::write_frame<fc3_act_t, 4, 1>(etch_y, etch_out);
}

// dense 'fc4_act' on whole frames.
static void fc4_act_stage(hls::stream<fc3_act_beat_t>& etch_in0, hls::stream<fc4_act_beat_t>& etch_out) {
  fc3_act_t etch_a0[4];
  etch::read_frame<fc3_act_t, 4, 1>(etch_in0, etch_a0);
  fc4_act_t etch_y[2];
  etch::dense<fc3_act_t, fc4_act_t, fc4_act_config>(etch_a0, etch_y, dense_3_weight, dense_3_bias, fc4_act_alpha);
  etch::write_frame<fc4_act_t, 2, 1>(etch_y, etch_out);
}

// dense 'peak' on whole frames.
static void peak_stage(hls::stream<fc4_act_beat_t>& etch_in0, hls::stream<peak_beat_t>& etch_out) {
  fc4_act_t etch_a0[2];
  etch::read_frame<fc4_act_t, 2, 1>(etch_in0, etch_a0);
  peak_t etch_y[2];
  etch::dense<fc4_act_t, peak_t, peak_config>(etch_a0, etch_y, dense_4_weight, dense_4_bias, etch::none);
  etch::write_frame<peak_t, 2, 1>(etch_y, etch_out);
}

void braggnn(hls::stream<patch_beat_t>& patch, hls::stream<peak_beat_t>& peak) {
#pragma HLS INTERFACE axis port = patch
#pragma HLS INTERFACE axis port = peak
#pragma HLS DATAFLOW
  ETCH_TRACE_STREAM("patch", patch_t, 1, 121, patch);

  // conv2d 'conv1'
  hls::stream<conv1_beat_t> conv1("conv1");
  etch::conv2d_stream<patch_t, conv1_t, conv1_config>(patch, conv1, conv1_weight, conv1_bias, etch::none);
  ETCH_TRACE_STREAM("conv1", conv1_t, 64, 81, conv1);
  hls::stream<conv1_beat_t> conv1_use0("conv1_use0");
#pragma HLS STREAM variable = conv1_use0 depth = 82
  hls::stream<conv1_beat_t> conv1_rest0("conv1_rest0");
#pragma HLS STREAM variable = conv1_rest0 depth = 82
  etch::split<conv1_t, 64, 81>(conv1, conv1_use0, conv1_rest0);
  hls::stream<conv1_beat_t> conv1_use1("conv1_use1");
#pragma HLS STREAM variable = conv1_use1 depth = 82
  hls::stream<conv1_beat_t> conv1_rest1("conv1_rest1");
#pragma HLS STREAM variable = conv1_rest1 depth = 82
  etch::split<conv1_t, 64, 81>(conv1_rest0, conv1_use1, conv1_rest1);
  hls::stream<conv1_beat_t> conv1_use2("conv1_use2");
#pragma HLS STREAM variable = conv1_use2 depth = 82
  hls::stream<conv1_beat_t> conv1_use3("conv1_use3");
#pragma HLS STREAM variable = conv1_use3 depth = 82
  etch::split<conv1_t, 64, 81>(conv1_rest1, conv1_use2, conv1_use3);

  // conv2d 'nlb_theta'
  hls::stream<nlb_theta_beat_t> nlb_theta("nlb_theta");
  etch::conv2d_stream<conv1_t, nlb_theta_t, nlb_theta_config>(conv1_use0, nlb_theta, nlb_theta_layer_weight, nlb_theta_layer_bias, etch::none);
  ETCH_TRACE_STREAM("nlb_theta", nlb_theta_t, 32, 81, nlb_theta);

  // conv2d 'nlb_phi'
  hls::stream<nlb_phi_beat_t> nlb_phi("nlb_phi");
  etch::conv2d_stream<conv1_t, nlb_phi_t, nlb_phi_config>(conv1_use1, nlb_phi, nlb_phi_layer_weight, nlb_phi_layer_bias, etch::none);
  ETCH_TRACE_STREAM("nlb_phi", nlb_phi_t, 32, 81, nlb_phi);

  // conv2d 'nlb_g'
  hls::stream<nlb_g_beat_t> nlb_g("nlb_g");
  etch::conv2d_stream<conv1_t, nlb_g_t, nlb_g_config>(conv1_use2, nlb_g, nlb_g_layer_weight, nlb_g_layer_bias, etch::none);
  ETCH_TRACE_STREAM("nlb_g", nlb_g_t, 32, 81, nlb_g);

  // reshape 'nlb_theta_flat'
  hls::stream<nlb_theta_flat_beat_t> nlb_theta_flat("nlb_theta_flat");
  etch::pass<nlb_theta_t, 32, 81>(nlb_theta, nlb_theta_flat);
  ETCH_TRACE_STREAM("nlb_theta_flat", nlb_theta_flat_t, 32, 81, nlb_theta_flat);

  // transpose 'nlb_theta_t'
  hls::stream<nlb_theta_t_2_beat_t> nlb_theta_t_2("nlb_theta_t_2");
  nlb_theta_t_2_stage(nlb_theta_flat, nlb_theta_t_2);
  ETCH_TRACE_STREAM("nlb_theta_t_2", nlb_theta_t_2_t, 81, 32, nlb_theta_t_2);

  // reshape 'nlb_phi_flat'
  hls::stream<nlb_phi_flat_beat_t> nlb_phi_flat("nlb_phi_flat");
  etch::pass<nlb_phi_t, 32, 81>(nlb_phi, nlb_phi_flat);
  ETCH_TRACE_STREAM("nlb_phi_flat", nlb_phi_flat_t, 32, 81, nlb_phi_flat);

  // reshape 'nlb_g_flat'
  hls::stream<nlb_g_flat_beat_t> nlb_g_flat("nlb_g_flat");
  etch::pass<nlb_g_t, 32, 81>(nlb_g, nlb_g_flat);
  ETCH_TRACE_STREAM("nlb_g_flat", nlb_g_flat_t, 32, 81, nlb_g_flat);

  // transpose 'nlb_g_t'
  hls::stream<nlb_g_t_2_beat_t> nlb_g_t_2("nlb_g_t_2");
  nlb_g_t_2_stage(nlb_g_flat, nlb_g_t_2);
  ETCH_TRACE_STREAM("nlb_g_t_2", nlb_g_t_2_t, 81, 32, nlb_g_t_2);

  // matmul 'nlb_affinity'
  hls::stream<nlb_affinity_beat_t> nlb_affinity("nlb_affinity");
  nlb_affinity_stage(nlb_theta_t_2, nlb_phi_flat, nlb_affinity);
  ETCH_TRACE_STREAM("nlb_affinity", nlb_affinity_t, 81, 81, nlb_affinity);

  // softmax 'nlb_attention'
  hls::stream<nlb_attention_beat_t> nlb_attention("nlb_attention");
  nlb_attention_stage(nlb_affinity, nlb_attention);
  ETCH_TRACE_STREAM("nlb_attention", nlb_attention_t, 81, 81, nlb_attention);

  // matmul 'nlb_y'
  hls::stream<nlb_y_beat_t> nlb_y("nlb_y");
  nlb_y_stage(nlb_attention, nlb_g_t_2, nlb_y);
  ETCH_TRACE_STREAM("nlb_y", nlb_y_t, 81, 32, nlb_y);

  // transpose 'nlb_y_t'
  hls::stream<nlb_y_t_2_beat_t> nlb_y_t_2("nlb_y_t_2");
  nlb_y_t_2_stage(nlb_y, nlb_y_t_2);
  ETCH_TRACE_STREAM("nlb_y_t_2", nlb_y_t_2_t, 32, 81, nlb_y_t_2);

  // reshape 'nlb_y_map'
  hls::stream<nlb_y_map_beat_t> nlb_y_map("nlb_y_map");
  etch::pass<nlb_y_t_2_t, 32, 81>(nlb_y_t_2, nlb_y_map);
  ETCH_TRACE_STREAM("nlb_y_map", nlb_y_map_t, 32, 81, nlb_y_map);

  // conv2d 'nlb_out'
  hls::stream<nlb_out_beat_t> nlb_out("nlb_out");
  etch::conv2d_stream<nlb_y_map_t, nlb_out_t, nlb_out_config>(nlb_y_map, nlb_out, nlb_out_cnn_weight, nlb_out_cnn_bias, etch::none);
  ETCH_TRACE_STREAM("nlb_out", nlb_out_t, 64, 81, nlb_out);

  // add 'nlb_residual'
  hls::stream<nlb_residual_beat_t> nlb_residual("nlb_residual");
  etch::binary_stream<nlb_out_t, conv1_t, nlb_residual_t, nlb_residual_config>(nlb_out, conv1_use3, nlb_residual);
  ETCH_TRACE_STREAM("nlb_residual", nlb_residual_t, 64, 81, nlb_residual);

  // leaky_relu 'act1'
  hls::stream<act1_beat_t> act1("act1");
  etch::activation_stream<nlb_residual_t, act1_t, act1_config>(nlb_residual, act1, act1_alpha);
  ETCH_TRACE_STREAM("act1", act1_t, 64, 81, act1);

  // conv2d 'act2'
  hls::stream<act2_beat_t> act2("act2");
  etch::conv2d_stream<act1_t, act2_t, act2_config>(act1, act2, conv2_weight, conv2_bias, act2_alpha);
  ETCH_TRACE_STREAM("act2", act2_t, 32, 49, act2);

  // conv2d 'act3'
  hls::stream<act3_beat_t> act3("act3");
  etch::conv2d_stream<act2_t, act3_t, act3_config>(act2, act3, conv3_weight, conv3_bias, act3_alpha);
  ETCH_TRACE_STREAM("act3", act3_t, 8, 25, act3);

  // reshape 'flatten'
  hls::stream<flatten_beat_t> flatten("flatten");
  flatten_stage(act3, flatten);
  ETCH_TRACE_STREAM("flatten", flatten_t, 200, 1, flatten);

  // dense 'fc1_act'
  hls::stream<fc1_act_beat_t> fc1_act("fc1_act");
  fc1_act_stage(flatten, fc1_act);
  ETCH_TRACE_STREAM("fc1_act", fc1_act_t, 16, 1, fc1_act);

  // dense 'fc2_act'
  hls::stream<fc2_act_beat_t> fc2_act("fc2_act");
  fc2_act_stage(fc1_act, fc2_act);
  ETCH_TRACE_STREAM("fc2_act", fc2_act_t, 8, 1, fc2_act);

  // dense 'fc3_act'
  hls::stream<fc3_act_beat_t> fc3_act("fc3_act");
  fc3_act_stage(fc2_act, fc3_act);
  ETCH_TRACE_STREAM("fc3_act", fc3_act_t, 4, 1, fc3_act);

  // dense 'fc4_act'
  hls::stream<fc4_act_beat_t> fc4_act("fc4_act");
  fc4_act_stage(fc3_act, fc4_act);
  ETCH_TRACE_STREAM("fc4_act", fc4_act_t, 2, 1, fc4_act);

  // dense 'peak'
  peak_stage(fc4_act, peak);
  ETCH_TRACE_STREAM("peak", peak_t, 2, 1, peak);
}
