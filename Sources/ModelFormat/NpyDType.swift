/// The element types Etch reads from and writes to NumPy `.npy` files.
///
/// NumPy names an element type in the header's `descr` field as a byte-order character
/// followed by a kind and a byte width (`'<f4'` is little-endian float32, `'|u1'` is uint8).
/// Etch handles the plain numeric kinds that detector data, model inputs and labels use;
/// everything else (complex, float16, strings, objects, structured records) is refused
/// with an error that says how to convert it.
///
/// | case      | `descr` | NumPy name | bytes |
/// |-----------|---------|------------|-------|
/// | `float32` | `<f4`   | float32    | 4     |
/// | `float64` | `<f8`   | float64    | 8     |
/// | `int8`    | `\|i1`  | int8       | 1     |
/// | `uint8`   | `\|u1`  | uint8      | 1     |
/// | `int16`   | `<i2`   | int16      | 2     |
/// | `uint16`  | `<u2`   | uint16     | 2     |
/// | `int32`   | `<i4`   | int32      | 4     |
/// | `int64`   | `<i8`   | int64      | 8     |
///
/// `int64` is included because it is NumPy's default integer type, so label arrays made
/// with `numpy.array([3, 1, 4])` arrive as `'<i8'`.
///
/// ```swift
/// NpyDType(kindAndWidth: "f4")  // .float32
/// NpyDType.uint8.descr         // "|u1"
/// ```
public enum NpyDType: String, Sendable, Hashable, CaseIterable {
  /// IEEE 754 binary32, `'<f4'`.
  case float32 = "f4"
  /// IEEE 754 binary64, `'<f8'`.
  case float64 = "f8"
  /// Signed 8-bit integer, `'|i1'`.
  case int8 = "i1"
  /// Unsigned 8-bit integer, `'|u1'`.
  case uint8 = "u1"
  /// Signed 16-bit integer, `'<i2'`.
  case int16 = "i2"
  /// Unsigned 16-bit integer, `'<u2'`.
  case uint16 = "u2"
  /// Signed 32-bit integer, `'<i4'`.
  case int32 = "i4"
  /// Signed 64-bit integer, `'<i8'` (NumPy's default integer type).
  case int64 = "i8"

  /// Creates the type for a `descr` without its byte-order character, such as `"f4"`.
  ///
  /// Returns `nil` for kinds Etch does not handle (`"f2"`, `"c8"`, `"U10"`, ...).
  public init?(kindAndWidth: String) {
    self.init(rawValue: kindAndWidth)
  }

  /// The size of one element in bytes.
  public var byteWidth: Int {
    switch self {
    case .int8, .uint8: 1
    case .int16, .uint16: 2
    case .float32, .int32: 4
    case .float64, .int64: 8
    }
  }

  /// The `descr` that `numpy.save` writes for this type on a little-endian machine.
  ///
  /// One-byte types carry `|` ("byte order not applicable"), the others `<`.
  public var descr: String {
    (byteWidth == 1 ? "|" : "<") + rawValue
  }

  /// The NumPy name of the type, as users write it in `astype(...)`.
  public var numpyName: String {
    switch self {
    case .float32: "float32"
    case .float64: "float64"
    case .int8: "int8"
    case .uint8: "uint8"
    case .int16: "int16"
    case .uint16: "uint16"
    case .int32: "int32"
    case .int64: "int64"
    }
  }
}
