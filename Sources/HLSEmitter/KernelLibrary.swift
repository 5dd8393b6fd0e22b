/// One header of the kernel library: its file name and its C++ text.
struct KernelHeader: Sendable {
  /// The file name under `firmware/etch/`.
  let name: String
  /// The header's text.
  let text: String
}

/// The C++ kernels that emitted firmware calls: a small header library written for Etch.
///
/// Every project carries its own copy in `firmware/etch/`, so it builds with nothing but the
/// `ap_types` headers. Each kernel follows docs/fixed-ir.md step by step: `acc = acc + x * w`
/// with `acc` of the accumulator type is `acc = Q_acc(acc + x·w)`, every write into a typed
/// variable is the destination's `Q_T`, and constants are raws reinterpreted (`from_raw`),
/// never numbers parsed by the C++ compiler. The text of each family lives in its own file
/// (`KernelDense.swift`, `KernelConvolution.swift`, ...).
enum KernelLibrary {
  /// The folder of the library inside a project.
  static let folder = "firmware/etch"

  /// `etch.h`: includes every kernel header.
  static let umbrella = KernelHeader(
    name: "etch.h",
    text: """
      // Etch kernel library: every kernel the emitted firmware calls.
      #ifndef ETCH_H
      #define ETCH_H

      #include "etch_types.h"
      #include "etch_dense.h"
      #include "etch_conv.h"
      #include "etch_pool.h"
      #include "etch_elementwise.h"
      #include "etch_softmax.h"
      #include "etch_layout.h"
      #include "etch_stream.h"

      #endif
      """)

  /// Every header, the umbrella last.
  static var headers: [KernelHeader] {
    [types, dense, convolution, pooling, elementwise, softmax, layout, stream, umbrella]
  }
}
