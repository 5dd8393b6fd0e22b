// Etch kernel library: moving whole frames between arrays and streams, duplicating streams,
// and the trace hooks of the testbench (compiled in only with -DETCH_TRACE).
#ifndef ETCH_STREAM_H
#define ETCH_STREAM_H

#include "etch_types.h"

#ifdef ETCH_TRACE
#include <cstdio>
#endif

namespace etch {

// A frame of a tensor streamed as P beats of C values, into a [C, P] array (element (c, p)
// at c * P + p: C order for [C, H, W] with P = H * W, and for any tensor with P = 1).
template <class T, int C, int P>
void read_frame(hls::stream<beat<T, C> >& in, T x[C * P]) {
BEATS:
  for (int p = 0; p < P; p++) {
#pragma HLS PIPELINE II = 1
    beat<T, C> b = in.read();
    for (int c = 0; c < C; c++) x[c * P + p] = b.data[c];
  }
}

// The inverse of read_frame.
template <class T, int C, int P>
void write_frame(const T x[C * P], hls::stream<beat<T, C> >& out) {
BEATS:
  for (int p = 0; p < P; p++) {
#pragma HLS PIPELINE II = 1
    beat<T, C> b;
    for (int c = 0; c < C; c++) b.data[c] = x[c * P + p];
    out.write(b);
  }
}

// Every beat of `in` to both `a` and `b` (a tensor read by two consumers).
template <class T, int C, int P>
void split(hls::stream<beat<T, C> >& in, hls::stream<beat<T, C> >& a,
           hls::stream<beat<T, C> >& b) {
BEATS:
  for (int p = 0; p < P; p++) {
#pragma HLS PIPELINE II = 1
    beat<T, C> v = in.read();
    a.write(v);
    b.write(v);
  }
}

// Every beat of `in` to `out` (a graph input that is also an output).
template <class T, int C, int P>
void pass(hls::stream<beat<T, C> >& in, hls::stream<beat<T, C> >& out) {
BEATS:
  for (int p = 0; p < P; p++) {
#pragma HLS PIPELINE II = 1
    out.write(in.read());
  }
}

// Reads and drops every beat of `in` (a graph input that nothing reads).
template <class T, int C, int P>
void drain(hls::stream<beat<T, C> >& in) {
BEATS:
  for (int p = 0; p < P; p++) {
#pragma HLS PIPELINE II = 1
    in.read();
  }
}

#ifdef ETCH_TRACE
// Where the testbench wants every tensor's raws (one line per tensor and frame); null: off.
inline FILE*& trace_file() {
  static FILE* file = 0;
  return file;
}

template <class T>
void trace_array(const char* name, const T* x, int n) {
  if (!trace_file()) return;
  std::fprintf(trace_file(), "%s", name);
  for (int i = 0; i < n; i++) {
    std::fprintf(trace_file(), " %lld", (long long)raw(x[i]).to_int64());
  }
  std::fprintf(trace_file(), "\n");
}

// Records a whole streamed frame (C simulation runs each stage to completion), puts it back.
template <class T, int C, int P>
void trace_stream(const char* name, hls::stream<beat<T, C> >& s) {
  static T x[C * P];
  read_frame<T, C, P>(s, x);
  trace_array(name, x, C * P);
  write_frame<T, C, P>(x, s);
}
#define ETCH_TRACE_ARRAY(name, x, n) etch::trace_array(name, x, n)
#define ETCH_TRACE_STREAM(name, T, C, P, s) etch::trace_stream<T, C, P>(name, s)
#else
#define ETCH_TRACE_ARRAY(name, x, n)
#define ETCH_TRACE_STREAM(name, T, C, P, s)
#endif

}  // namespace etch

#endif
