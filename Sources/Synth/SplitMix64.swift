/// Sebastiano Vigna's SplitMix64: a tiny, fast, seedable generator whose every output is
/// fixed by the published algorithm, so synthetic data sets are the same bytes on every
/// machine and toolchain.
///
/// The system generator cannot be seeded and `RandomNumberGenerator`'s helpers may change
/// between Swift versions; this one is ours. Each frame of a data set gets its own stream,
/// ``init(seed:stream:)``, so frame `i` does not depend on how many frames are generated.
///
/// ```swift
/// var random = SplitMix64(seed: 1234567)
/// random.next()  // 6457827717110365317
/// ```
public struct SplitMix64: Sendable, Equatable {
  /// The generator's whole state: a counter advanced by the golden-ratio increment.
  public private(set) var state: UInt64

  /// A generator whose first output is the published SplitMix64 sequence for `seed`.
  public init(seed: UInt64) {
    state = seed
  }

  /// An independent generator for item `stream` of a data set generated with `seed`: the
  /// seed and the index are mixed, so neighbouring items get unrelated streams.
  public init(seed: UInt64, stream: Int) {
    var mixer = SplitMix64(seed: seed)
    let base = mixer.next()
    state = Self.mix(base ^ Self.mix(UInt64(truncatingIfNeeded: stream) &+ 0x632B_E59B_D9B4_E019))
  }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    return Self.mix(state)
  }

  /// SplitMix64's output function: a bijective avalanche of the 64 bits.
  static func mix(_ value: UInt64) -> UInt64 {
    var z = value
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
