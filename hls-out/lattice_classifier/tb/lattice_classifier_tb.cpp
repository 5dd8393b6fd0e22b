// Testbench of lattice_classifier, emitted by Etch: runs the top function on every frame of
// its inputs and writes its outputs as raw integers and as decimals.
//   usage: lattice_classifier_tb frame.npy|txt OUTPUT_PREFIX
// An .npy input (float32 or float64, frames first) gives PREFIX<output>.raw.npy (int64
// raws) and PREFIX<output>.npy (float64 values); a text input (one frame per line)
// gives .raw.txt and .txt. With -DETCH_TRACE, PREFIXtrace.txt gets every tensor.
#include "etch_tb.h"
#include "../firmware/lattice_classifier.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s frame.npy|txt OUTPUT_PREFIX\n", argv[0]);
    return 64;
  }
  const std::string tb_prefix = argv[2];
  const bool tb_npy = etch_tb::ends_with(argv[1], ".npy");
  std::string tb_error;
  long tb_frames = -1;
  std::vector<float> tb_in0;
  if (!etch_tb::read_values(argv[1], tb_in0, tb_error)) {
    std::fprintf(stderr, "%s: %s\n", argv[1], tb_error.c_str());
    return 1;
  }
  if (tb_in0.size() % 4096 != 0 ||
      (tb_frames >= 0 && (long)(tb_in0.size() / 4096) != tb_frames)) {
    std::fprintf(stderr, "%s: %zu values; expected frames of 4096\n",
                 argv[1], tb_in0.size());
    return 1;
  }
  tb_frames = tb_in0.size() / 4096;
  std::vector<long long> tb_raw0(tb_frames * 5);
  std::vector<double> tb_value0(tb_frames * 5);
#ifdef ETCH_TRACE
  etch::trace_file() = std::fopen((tb_prefix + "trace.txt").c_str(), "w");
#endif
  for (long tb_f = 0; tb_f < tb_frames; tb_f++) {
    frame_t tb_x0[4096];
    for (int i = 0; i < 4096; i++) {
      tb_x0[i] = (double)tb_in0[tb_f * 4096 + i];
    }
    probabilities_t tb_y0[5];
    lattice_classifier(tb_x0, tb_y0);
    for (int i = 0; i < 5; i++) {
      tb_raw0[tb_f * 5 + i] = etch::raw(tb_y0[i]).to_int64();
      tb_value0[tb_f * 5 + i] = tb_y0[i].to_double();
    }
  }
#ifdef ETCH_TRACE
  if (etch::trace_file()) std::fclose(etch::trace_file());
#endif
  {
    long tb_shape[] = {tb_frames, 5};
    std::vector<long> tb_dims(tb_shape, tb_shape + 2);
    if (!etch_tb::write_output(tb_prefix, "probabilities", tb_npy, tb_raw0, tb_value0, tb_dims)) {
      std::fprintf(stderr, "%sprobabilities: cannot write\n", tb_prefix.c_str());
      return 1;
    }
  }
  std::printf("lattice_classifier: %ld frames; outputs written to %s*\n", tb_frames,
              tb_prefix.c_str());
  return 0;
}
