import Foundation

/// Why a fixed-point format or operation was refused.
///
/// Every refusal happens when a format is created or an operation is planned, never halfway
/// through a computation, and renders as one sentence that names what was wrong and what is
/// expected instead. Etch refuses rather than compute a value the `ap_fixed` headers would
/// not produce.
///
/// ```swift
/// do { _ = try FixedFormat(parsing: "ap_fixed<16>") } catch { print(error) }
/// // 'ap_fixed<16>' has 1 template argument; ap_fixed takes 2 to 5: <W,I[,Q[,O[,N]]]>.
/// ```
public enum FixedPointError: Error, Hashable, Sendable {
  /// The text does not have the shape of an HLS type (`ap_fixed<...>`, `ap_int<...>`, ...).
  case notAType(text: String)

  /// The type takes a different number of template arguments (`typeName` is `ap_fixed`, ...).
  case wrongArgumentCount(text: String, typeName: String, count: Int)

  /// A template argument that must be a decimal integer (`W`, `I` or `N`) is something else.
  case notAnInteger(text: String, argument: String, found: String)

  /// The quantization argument is not one of the seven `AP_...` names.
  case unknownQuantizationMode(text: String, found: String)

  /// The overflow argument is not one of the five `AP_...` names.
  case unknownOverflowMode(text: String, found: String)

  /// The width is not supported: raw values must fit a signed 128-bit integer.
  case widthOutOfRange(width: Int, isSigned: Bool)

  /// The integer bits lie outside ``FixedFormat/supportedIntegerBits``.
  case integerBitsOutOfRange(integerBits: Int)

  /// `N` is negative or larger than the width.
  case saturationBitsOutOfRange(saturationBits: Int, width: Int)

  /// `N` is non-zero with an overflow mode that does not wrap.
  case saturationBitsNeedWrap(saturationBits: Int, overflow: OverflowMode)

  /// `AP_WRAP_SM` was asked of an unsigned format, which the headers reject at run time.
  case signMagnitudeOnUnsigned(width: Int, integerBits: Int)

  /// An operation's result type (`ap_fixed<width,integerBits>`) is beyond what Etch supports.
  case resultUnsupported(expression: String, width: Int, integerBits: Int, isSigned: Bool)

  /// An operation needs an exact intermediate wider than the 128 bits Etch computes with.
  case intermediateTooWide(expression: String, bits: Int)

  /// Converting to an integer is undefined in the headers for a source with `I < 0`.
  case integerConversionUndefined(source: FixedFormat)

  /// A division by zero, which crashes the C++ (SIGFPE).
  case divisionByZero(expression: String)

  /// A division of an `ap_int` by an `ap_uint` or the reverse, which follows C promotion
  /// rules that Etch does not model.
  case mixedSignIntegerDivision(expression: String)

  /// A raw value lies outside the raw range of its format.
  case rawOutOfRange(raw: Int128, format: FixedFormat)
}

extension FixedPointError: CustomStringConvertible, LocalizedError {
  /// The refusal as one sentence: what was wrong, and what is expected instead.
  public var description: String {
    switch self {
    case .notAType(let text):
      return "'\(text)' is not a fixed-point type; expected ap_fixed<W,I[,Q[,O[,N]]]>, "
        + "ap_ufixed<W,I[,Q[,O[,N]]]>, ap_int<W> or ap_uint<W>."
    case .wrongArgumentCount(let text, let typeName, let count):
      let takes =
        typeName.hasSuffix("int") ? "exactly 1: <W>" : "2 to 5: <W,I[,Q[,O[,N]]]>"
      let noun = count == 1 ? "argument" : "arguments"
      return "'\(text)' has \(count) template \(noun); \(typeName) takes \(takes)."
    case .notAnInteger(let text, let argument, let found):
      return "'\(text)' has '\(found)' where \(argument) should be; expected a decimal integer "
        + "such as 16 or -2."
    case .unknownQuantizationMode(let text, let found):
      let names = QuantizationMode.allCases.map(\.hlsName).joined(separator: ", ")
      return "'\(text)' has quantization mode '\(found)'; expected one of \(names)."
    case .unknownOverflowMode(let text, let found):
      let names = OverflowMode.allCases.map(\.hlsName).joined(separator: ", ")
      return "'\(text)' has overflow mode '\(found)'; expected one of \(names)."
    case .widthOutOfRange(let width, let isSigned):
      let limit = isSigned ? FixedFormat.maxStorageWidth : FixedFormat.maxStorageWidth - 1
      let kind = isSigned ? "a signed" : "an unsigned"
      return "width W = \(width) is not supported for \(kind) format; W must be in "
        + "1...\(limit), so that every raw value fits the 128-bit integers Etch computes with."
    case .integerBitsOutOfRange(let integerBits):
      let range = FixedFormat.supportedIntegerBits
      return "integer bits I = \(integerBits) are not supported; I must be in "
        + "\(range.lowerBound)...\(range.upperBound), so that every value stays in the "
        + "normal range of Double."
    case .saturationBitsOutOfRange(let saturationBits, let width):
      return "N = \(saturationBits) saturation bits exceed the width W = \(width); "
        + "N must be in 0...\(width)."
    case .saturationBitsNeedWrap(let saturationBits, let overflow):
      return "N = \(saturationBits) saturation bits only apply to AP_WRAP and AP_WRAP_SM, "
        + "not \(overflow.hlsName); use N = 0 with \(overflow.hlsName)."
    case .signMagnitudeOnUnsigned(let width, let integerBits):
      return "ap_ufixed<\(width),\(integerBits),...,AP_WRAP_SM> is rejected by the ap_fixed "
        + "headers at run time; use AP_WRAP or a saturating mode for unsigned formats."
    case .resultUnsupported(let expression, let width, let integerBits, let isSigned):
      let name = isSigned ? "ap_fixed" : "ap_ufixed"
      return "\(expression) has result type \(name)<\(width),\(integerBits)>, beyond what Etch "
        + "computes exactly (W up to 128 bits including the sign, I in "
        + "\(FixedFormat.supportedIntegerBits.lowerBound)..."
        + "\(FixedFormat.supportedIntegerBits.upperBound)); narrow an operand first."
    case .intermediateTooWide(let expression, let bits):
      return "\(expression) needs a \(bits)-bit exact intermediate, above the "
        + "\(FixedFormat.maxStorageWidth)-bit limit; narrow an operand first."
    case .integerConversionUndefined(let source):
      return "converting \(source) to an integer is undefined in the ap_fixed headers, which "
        + "read an uninitialised value when I < 0; convert to a format with I >= 1 first."
    case .divisionByZero(let expression):
      return "\(expression) divides by zero, which crashes the C++ (SIGFPE); "
        + "guard the divisor."
    case .mixedSignIntegerDivision(let expression):
      return "\(expression) divides integers of different signedness, whose result in the "
        + "headers follows C promotion rules that Etch does not model; cast both operands to "
        + "the same signedness."
    case .rawOutOfRange(let raw, let format):
      return "raw value \(raw) does not fit \(format), whose raw values are "
        + "\(format.minRaw)...\(format.maxRaw)."
    }
  }

  /// The same sentence as ``description``, for `localizedDescription`.
  public var errorDescription: String? { description }
}
