import FixedPoint

/// How a `FixedFormat` is spelled in the emitted C++.
///
/// Values are `ap_fixed`, `ap_ufixed`, `ap_int` or `ap_uint`, exactly as the format prints
/// (`ap_fixed<16,6,AP_RND,AP_SAT>`). Constant arrays hold raws in the narrowest C integer
/// type: they are plain integer literals that every C++ compiler and Vitis HLS initialise
/// statically (a ROM), with no constructor run and no decimal text parsed; the kernels
/// reinterpret each raw as the format's bits (`etch::from_raw`).
extension FixedFormat {
  /// The C++ value type: `ap_fixed<16,6>`, `ap_ufixed<8,0,AP_RND>`, `ap_int<12>`.
  var cppType: String { description }

  /// The C integer type that holds every raw of this format (formats are at most 64 bits
  /// wide, unsigned ones at most 63).
  var cppStorageType: String {
    let bits = [8, 16, 32, 64].first { width <= $0 } ?? 64
    switch (bits, isSigned) {
    case (8, true): return "signed char"
    case (8, false): return "unsigned char"
    case (16, true): return "short"
    case (16, false): return "unsigned short"
    case (32, true): return "int"
    case (32, false): return "unsigned int"
    case (_, true): return "long long"
    case (_, false): return "unsigned long long"
    }
  }

  /// A raw as an integer literal of `cppStorageType`.
  ///
  ///     // 127, -128, (-2147483647 - 1), 5000000000LL
  func cppLiteral(_ raw: Int64) -> String {
    let wide = width > 32
    if raw == Int64.min { return "(-9223372036854775807LL - 1)" }
    if !wide && raw == Int64(Int32.min) { return "(-2147483647 - 1)" }
    return wide ? "\(raw)LL" : "\(raw)"
  }
}
