/// A Swift number type that maps one-to-one onto a NumPy element type, so arrays of it can
/// be written to `.npy` files byte for byte.
///
/// `NpyWriter` is generic over this protocol: the Swift type of the values decides the
/// file's `descr`, so a `[Float]` always becomes `'<f4'` and nothing is converted silently.
///
/// ```swift
/// Float.npyDType   // .float32
/// Int32.npyDType   // .int32
/// ```
public protocol NpyElement: BitwiseCopyable, Sendable {
  /// The NumPy element type whose bytes are this type's bytes (on a little-endian host).
  static var npyDType: NpyDType { get }
}

extension Float: NpyElement {
  /// `'<f4'`.
  public static var npyDType: NpyDType { .float32 }
}

extension Double: NpyElement {
  /// `'<f8'`.
  public static var npyDType: NpyDType { .float64 }
}

extension Int8: NpyElement {
  /// `'|i1'`.
  public static var npyDType: NpyDType { .int8 }
}

extension UInt8: NpyElement {
  /// `'|u1'`.
  public static var npyDType: NpyDType { .uint8 }
}

extension Int16: NpyElement {
  /// `'<i2'`.
  public static var npyDType: NpyDType { .int16 }
}

extension UInt16: NpyElement {
  /// `'<u2'`.
  public static var npyDType: NpyDType { .uint16 }
}

extension Int32: NpyElement {
  /// `'<i4'`.
  public static var npyDType: NpyDType { .int32 }
}

extension Int64: NpyElement {
  /// `'<i8'`.
  public static var npyDType: NpyDType { .int64 }
}
