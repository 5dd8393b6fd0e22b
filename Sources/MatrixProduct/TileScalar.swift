/// A scalar type the tiled matrix product computes in, with the vector that holds one tile
/// row and the few vector operations the product needs.
///
/// `Float` is the float engine's type. `Double` is the Simulator's, for exact integer dot
/// products: every integer below 2^53 in magnitude is a `Double`, so a sum of integer
/// products whose partial sums stay below 2^53 is computed without rounding, and a tile row
/// of doubles is half as wide as one of floats but needs no widening or carries.
///
/// The tile row is two vector registers, so that a 4-row tile's 8 accumulators, a row of B
/// and a broadcast fit the 16 registers x86-64 has: two AVX registers under `-DETCH_AVX2`
/// (docs/benchmarks.md), two SSE registers otherwise (wider tiles would spill).
///
/// The operations are requirements, implemented on each concrete type, because the `SIMD`
/// protocol's own generic operators work one lane at a time: code generic over `SIMD`,
/// even once specialised, compares and selects lane by lane (measured: the float engine
/// 5× slower), while the concrete vector types map them to single instructions. Loads and
/// stores too: generic ones were left as calls in the dense layers' products (measured:
/// BraggNN's float engine at half speed).
public protocol TileScalar: BinaryFloatingPoint, SIMDScalar, Codable, Sendable {
  /// One tile row.
  associatedtype Tile: SIMD where Tile.Scalar == Self

  /// Every lane `value`.
  static func splat(_ value: Self) -> Tile
  /// `c + a·x`: one fused multiply-add per lane when the build says the CPU has them
  /// (`-DETCH_AVX2`, with `-target-cpu haswell` or later), else a multiply and an add.
  /// Without hardware FMA the fused form would be a library call per lane.
  static func accumulate(_ c: Tile, _ a: Self, _ x: Tile) -> Tile
  /// `max(v, 0)` per lane, NaN kept.
  static func rectify(_ v: Tile) -> Tile
  /// `v > 0 ? v : α·v` per lane, NaN kept.
  static func leaky(_ v: Tile, _ alpha: Self) -> Tile
  /// The tile row at `pointer`, which need not be aligned.
  static func load(_ pointer: UnsafePointer<Self>) -> Tile
  /// Stores a tile row at `pointer`, which need not be aligned.
  static func store(_ v: Tile, _ pointer: UnsafeMutablePointer<Self>)
}

extension TileScalar {
  /// Columns of C a tile covers: one ``Tile``.
  @inlinable public static var tileColumns: Int { Tile.scalarCount }

  /// Scalars readable after the last element of any matrix `multiply` reads as B: its last
  /// tile of a row reads ``tileColumns`` columns even when fewer remain, so every buffer
  /// that can be a B is allocated this much longer.
  @inlinable public static var tileSlack: Int { Tile.scalarCount }
}

extension Float: TileScalar {
  #if ETCH_AVX2
    /// Two AVX registers.
    public typealias Tile = SIMD16<Float>
  #else
    /// Two SSE registers.
    public typealias Tile = SIMD8<Float>
  #endif

  /// Every lane `value`.
  @inlinable @inline(__always)
  public static func splat(_ value: Float) -> Tile { Tile(repeating: value) }

  /// `c + a·x`, fused under `ETCH_AVX2`.
  @inlinable @inline(__always)
  public static func accumulate(_ c: Tile, _ a: Float, _ x: Tile) -> Tile {
    #if ETCH_AVX2
      c.addingProduct(a, x)
    #else
      c + a * x
    #endif
  }

  /// `max(v, 0)` per lane, NaN kept.
  @inlinable @inline(__always)
  public static func rectify(_ v: Tile) -> Tile { v.replacing(with: 0, where: v .< 0) }

  /// `v > 0 ? v : α·v` per lane, NaN kept.
  @inlinable @inline(__always)
  public static func leaky(_ v: Tile, _ alpha: Float) -> Tile {
    v.replacing(with: v * alpha, where: v .<= 0)
  }

  /// An unaligned load of a tile row.
  @inlinable @inline(__always)
  public static func load(_ pointer: UnsafePointer<Float>) -> Tile {
    UnsafeRawPointer(pointer).loadUnaligned(as: Tile.self)
  }

  /// An unaligned store of a tile row.
  @inlinable @inline(__always)
  public static func store(_ v: Tile, _ pointer: UnsafeMutablePointer<Float>) {
    UnsafeMutableRawPointer(pointer).storeBytes(of: v, as: Tile.self)
  }
}

extension Double: TileScalar {
  #if ETCH_AVX2
    /// Two AVX registers.
    public typealias Tile = SIMD8<Double>
  #else
    /// Two SSE registers.
    public typealias Tile = SIMD4<Double>
  #endif

  /// Every lane `value`.
  @inlinable @inline(__always)
  public static func splat(_ value: Double) -> Tile { Tile(repeating: value) }

  /// `c + a·x`, fused under `ETCH_AVX2`.
  @inlinable @inline(__always)
  public static func accumulate(_ c: Tile, _ a: Double, _ x: Tile) -> Tile {
    #if ETCH_AVX2
      c.addingProduct(a, x)
    #else
      c + a * x
    #endif
  }

  /// `max(v, 0)` per lane, NaN kept.
  @inlinable @inline(__always)
  public static func rectify(_ v: Tile) -> Tile { v.replacing(with: 0, where: v .< 0) }

  /// `v > 0 ? v : α·v` per lane, NaN kept.
  @inlinable @inline(__always)
  public static func leaky(_ v: Tile, _ alpha: Double) -> Tile {
    v.replacing(with: v * alpha, where: v .<= 0)
  }

  /// An unaligned load of a tile row.
  @inlinable @inline(__always)
  public static func load(_ pointer: UnsafePointer<Double>) -> Tile {
    UnsafeRawPointer(pointer).loadUnaligned(as: Tile.self)
  }

  /// An unaligned store of a tile row.
  @inlinable @inline(__always)
  public static func store(_ v: Tile, _ pointer: UnsafeMutablePointer<Double>) {
    UnsafeMutableRawPointer(pointer).storeBytes(of: v, as: Tile.self)
  }
}
