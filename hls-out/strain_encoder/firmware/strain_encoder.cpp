// strain_encoder: the firmware of the fixed-point program 'strain_encoder',
// emitted by Etch. Architecture: parallel (arrays, one pipeline, ap_vld ports).
#include "strain_encoder.h"
#include "etch/etch.h"
#include "weights/conv1_bias.h"
#include "weights/conv1_weight.h"
#include "weights/conv2_bias.h"
#include "weights/conv2_weight.h"
#include "weights/conv3_bias.h"
#include "weights/conv3_weight.h"
#include "weights/strain_bias.h"
#include "weights/strain_weight.h"

// Layer configurations (read by the kernels of etch/).
struct relu1_config {
  typedef relu1_accum_t accum_t;
  static const int in_c = 1;
  static const int in_h = 64;
  static const int in_w = 64;
  static const int out_c = 16;
  static const int out_h = 15;
  static const int out_w = 15;
  static const int k_h = 8;
  static const int k_w = 8;
  static const int stride_h = 4;
  static const int stride_w = 4;
  static const int pad_top = 0;
  static const int pad_left = 0;
  static const int dil_h = 1;
  static const int dil_w = 1;
  static const int groups = 1;
  static const int reuse_factor = 1;
  static const int multipliers = 1024;
  static const int has_bias = 1;
  typedef conv1_weight_t weight_t;
  typedef conv1_bias_t bias_t;
  static const int activation = 1;
  typedef ap_uint<1> alpha_t;
};

struct relu2_config {
  typedef relu2_accum_t accum_t;
  static const int in_c = 16;
  static const int in_h = 15;
  static const int in_w = 15;
  static const int out_c = 32;
  static const int out_h = 7;
  static const int out_w = 7;
  static const int k_h = 3;
  static const int k_w = 3;
  static const int stride_h = 2;
  static const int stride_w = 2;
  static const int pad_top = 0;
  static const int pad_left = 0;
  static const int dil_h = 1;
  static const int dil_w = 1;
  static const int groups = 1;
  static const int reuse_factor = 1;
  static const int multipliers = 4608;
  static const int has_bias = 1;
  typedef conv2_weight_t weight_t;
  typedef conv2_bias_t bias_t;
  static const int activation = 1;
  typedef ap_uint<1> alpha_t;
};

struct relu3_config {
  typedef relu3_accum_t accum_t;
  static const int in_c = 32;
  static const int in_h = 7;
  static const int in_w = 7;
  static const int out_c = 32;
  static const int out_h = 3;
  static const int out_w = 3;
  static const int k_h = 3;
  static const int k_w = 3;
  static const int stride_h = 2;
  static const int stride_w = 2;
  static const int pad_top = 0;
  static const int pad_left = 0;
  static const int dil_h = 1;
  static const int dil_w = 1;
  static const int groups = 1;
  static const int reuse_factor = 1;
  static const int multipliers = 9216;
  static const int has_bias = 1;
  typedef conv3_weight_t weight_t;
  typedef conv3_bias_t bias_t;
  static const int activation = 1;
  typedef ap_uint<1> alpha_t;
};

struct flatten_config {
  static const int n = 288;
};

struct strain_config {
  typedef strain_accum_t accum_t;
  static const int n_rows = 1;
  static const int n_in = 288;
  static const int n_out = 4;
  static const int has_bias = 1;
  typedef strain_weight_t weight_t;
  typedef strain_bias_t bias_t;
  static const int activation = 0;
  typedef ap_uint<1> alpha_t;
  static const int reuse_factor = 1;
  static const int multipliers = 1152;
};

void strain_encoder(const frame_t frame[4096], strain_t strain[4]) {
#pragma HLS INTERFACE ap_vld port = frame
#pragma HLS ARRAY_RESHAPE variable = frame complete dim = 0
#pragma HLS INTERFACE ap_vld port = strain
#pragma HLS ARRAY_RESHAPE variable = strain complete dim = 0
#pragma HLS PIPELINE
  ETCH_TRACE_ARRAY("frame", frame, 4096);

  // conv2d 'relu1'
  relu1_t relu1[3600];
#pragma HLS ARRAY_PARTITION variable = relu1 complete dim = 0
  etch::conv2d<frame_t, relu1_t, relu1_config>(frame, relu1, conv1_weight, conv1_bias, etch::none);
  ETCH_TRACE_ARRAY("relu1", relu1, 3600);

  // conv2d 'relu2'
  relu2_t relu2[1568];
#pragma HLS ARRAY_PARTITION variable = relu2 complete dim = 0
  etch::conv2d<relu1_t, relu2_t, relu2_config>(relu1, relu2, conv2_weight, conv2_bias, etch::none);
  ETCH_TRACE_ARRAY("relu2", relu2, 1568);

  // conv2d 'relu3'
  relu3_t relu3[288];
#pragma HLS ARRAY_PARTITION variable = relu3 complete dim = 0
  etch::conv2d<relu2_t, relu3_t, relu3_config>(relu2, relu3, conv3_weight, conv3_bias, etch::none);
  ETCH_TRACE_ARRAY("relu3", relu3, 288);

  // reshape 'flatten'
  flatten_t flatten[288];
#pragma HLS ARRAY_PARTITION variable = flatten complete dim = 0
  etch::copy<relu3_t, flatten_t, flatten_config>(relu3, flatten);
  ETCH_TRACE_ARRAY("flatten", flatten, 288);

  // dense 'strain'
  etch::dense<flatten_t, strain_t, strain_config>(flatten, strain, strain_weight, strain_bias, etch::none);
  ETCH_TRACE_ARRAY("strain", strain, 4);
}
