/// The largest sizes the model format accepts, checked before anything is allocated.
///
/// A file may claim any size; Etch refuses absurd ones (a `10^12` dimension in a shape, a
/// header length past the file) with an error instead of trying to allocate. The limits are
/// generous for detector-side networks and keep every index within `Int32`, which the
/// emitted C++ uses.
///
///     ModelLimits.checkedCount([64, 1, 3, 3])        // 576
///     ModelLimits.checkedCount([1_000_000_000_000])  // nil: over maximumDimension
public enum ModelLimits {
  /// The largest extent of one dimension: 2^31 − 1.
  public static let maximumDimension = Int(Int32.max)
  /// The largest element count of one tensor (weight or activation of one frame): 2^31 − 1.
  public static let maximumElements = Int(Int32.max)
  /// The largest rank of a tensor.
  public static let maximumRank = 8
  /// The largest safetensors header, in bytes (the reference implementation's limit).
  public static let maximumHeaderBytes = 100_000_000

  /// The number of elements of `shape`, or nil when the rank, a dimension or the product
  /// exceeds the limits (or a dimension is negative). Computed with overflow checks.
  public static func checkedCount(_ shape: [Int]) -> Int? {
    guard shape.count <= maximumRank else { return nil }
    var count = 1
    for dimension in shape {
      guard dimension >= 0, dimension <= maximumDimension else { return nil }
      let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
      guard !overflow, product <= maximumElements else { return nil }
      count = product
    }
    return count
  }

  /// Why `shape` exceeds the limits, as the `found` part of `dimensionTooLarge`, and the limit;
  /// nil when it does not.
  static func violation(_ shape: [Int]) -> (found: String, limit: String)? {
    if shape.count > maximumRank {
      return ("rank \(shape.count)", "rank \(maximumRank)")
    }
    if let big = shape.first(where: { $0 > maximumDimension }) {
      return ("dimension \(big)", "\(maximumDimension) per dimension")
    }
    if checkedCount(shape) == nil, !shape.contains(where: { $0 < 0 }) {
      return ("the element count of \(render(shape))", "\(maximumElements) elements per tensor")
    }
    return nil
  }

  /// `[a, b, c]`, the way shapes appear in messages.
  static func render(_ shape: [Int]) -> String {
    "[" + shape.map(String.init).joined(separator: ", ") + "]"
  }
}
