/// The syntax of the HLS format strings in a model's `quant` section.
///
/// The model format keeps these strings as written (the compiler's FixedPoint module gives
/// them meaning), but a typo must be caught when the model is read, not hours later in
/// synthesis. Accepted: `ap_fixed<W,I[,Q[,O[,N]]]>`, `ap_ufixed<W,I[,Q[,O[,N]]]>`,
/// `ap_int<W>`, `ap_uint<W>`, with 1 ≤ W ≤ 1024, |I| ≤ 1024, Q one of the `AP_TRN`/`AP_RND`
/// modes, O one of the `AP_SAT`/`AP_WRAP` modes and 0 ≤ N ≤ W; spaces around the
/// parameters are allowed.
///
///     QuantFormatSyntax.problem(in: "ap_fixed<8,1,AP_RND,AP_SAT>")  // nil
///     QuantFormatSyntax.problem(in: "ap_fixed<8>")  // "ap_fixed takes 2 to 5 parameters"
enum QuantFormatSyntax {
  /// The quantisation (rounding) modes of `ap_fixed`.
  static let quantizationModes = [
    "AP_TRN", "AP_TRN_ZERO", "AP_RND", "AP_RND_ZERO", "AP_RND_MIN_INF", "AP_RND_INF",
    "AP_RND_CONV",
  ]
  /// The overflow modes of `ap_fixed`.
  static let overflowModes = ["AP_WRAP", "AP_SAT", "AP_SAT_ZERO", "AP_SAT_SYM", "AP_WRAP_SM"]
  /// The widest type the HLS headers allow by default.
  static let maximumWidth = 1024

  /// Why `format` is not a valid format string, or nil when it is.
  static func problem(in format: String) -> String? {
    guard let open = format.firstIndex(of: "<"), format.hasSuffix(">") else {
      return "expected TYPE<...>"
    }
    let type = format[..<open].trimmingSpaces
    let inner = format[format.index(after: open)..<format.index(before: format.endIndex)]
    let parameters = inner.split(separator: ",", omittingEmptySubsequences: false)
      .map(\.trimmingSpaces)
    switch type {
    case "ap_int", "ap_uint":
      guard parameters.count == 1 else { return "\(type) takes 1 parameter, the width" }
      return width(parameters[0]).1
    case "ap_fixed", "ap_ufixed":
      guard (2...5).contains(parameters.count) else { return "\(type) takes 2 to 5 parameters" }
      let (w, problem) = width(parameters[0])
      if let problem { return problem }
      guard let i = Int(parameters[1]), abs(i) <= maximumWidth else {
        return "the integer bits I must be an integer within ±\(maximumWidth)"
      }
      if parameters.count > 2, !quantizationModes.contains(parameters[2]) {
        return "unknown quantisation mode '\(parameters[2])'"
      }
      if parameters.count > 3, !overflowModes.contains(parameters[3]) {
        return "unknown overflow mode '\(parameters[3])'"
      }
      if parameters.count > 4 {
        guard let n = Int(parameters[4]), n >= 0, n <= w else {
          return "the saturation bits N must be an integer from 0 to W"
        }
      }
      return nil
    default:
      return "unknown type '\(type)'"
    }
  }

  private static func width(_ text: String) -> (Int, String?) {
    guard let w = Int(text), (1...maximumWidth).contains(w) else {
      return (0, "the width W must be an integer from 1 to \(maximumWidth)")
    }
    return (w, nil)
  }
}

extension StringProtocol {
  /// The text without leading and trailing spaces.
  fileprivate var trimmingSpaces: String {
    String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
  }
}
