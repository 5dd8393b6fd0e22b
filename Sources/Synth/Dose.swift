/// How many electrons (or photons) a frame receives: one fixed number, or drawn per frame
/// evenly over decades between two bounds.
///
/// The dose sets the Poisson noise: a frame at dose `D` holds about `D` counts in all, so
/// its relative noise falls as `1/sqrt(D)`. `nil` where a dose is expected means no noise.
///
/// ```swift
/// Dose(text: "1000")        // .fixed(1000)
/// Dose(text: "10:10000")    // .logUniform(10...10000)
/// ```
public enum Dose: Sendable, Equatable, CustomStringConvertible {
  /// Every frame receives this dose.
  case fixed(Double)
  /// Each frame's dose is drawn log-uniformly from the range.
  case logUniform(ClosedRange<Double>)

  /// Parses `D` or `LO:HI` (positive, finite numbers, `LO < HI`); `nil` otherwise.
  public init?(text: String) {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    let numbers = parts.compactMap { Double($0) }
    guard numbers.count == parts.count, numbers.allSatisfy({ $0.isFinite && $0 > 0 }) else {
      return nil
    }
    switch numbers.count {
    case 1: self = .fixed(numbers[0])
    case 2 where numbers[0] < numbers[1]: self = .logUniform(numbers[0]...numbers[1])
    default: return nil
    }
  }

  /// The dose of one frame.
  public func draw(_ random: inout SplitMix64) -> Double {
    switch self {
    case .fixed(let dose): dose
    case .logUniform(let range): random.logUniform(range)
    }
  }

  /// `1000` or `10:10000`, as typed on the command line.
  public var description: String {
    switch self {
    case .fixed(let dose): Self.text(dose)
    case .logUniform(let range): "\(Self.text(range.lowerBound)):\(Self.text(range.upperBound))"
    }
  }

  private static func text(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
  }
}
