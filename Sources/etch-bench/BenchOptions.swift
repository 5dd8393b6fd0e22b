/// The command line of `etch-bench simulator`.
///
/// ```
/// etch-bench simulator --models jet,braggnn --frames 2000 --threads 1 --json out.json
/// ```
struct BenchOptions {
  /// A command line the benchmark cannot act on, as one sentence.
  struct Failure: Error, CustomStringConvertible {
    /// What was wrong and what was expected.
    var description: String
  }

  /// The benchmarks this driver knows.
  static let usage =
    "usage: etch-bench simulator|runtime [--models jet,braggnn,cnn64] [--frames N] "
    + "[--threads N] [--trials N] [--jet PATH.json] [--braggnn PATH] [--cnn PATH] [--json FILE]"

  /// `simulator` or `runtime`.
  var benchmark = "simulator"

  /// Models to run, by short name.
  var models = ["jet", "braggnn"]
  /// Frames per trial; `nil` for each model's default.
  var frames: Int?
  /// Simulator threads (the baseline always runs on one).
  var threads = 1
  /// Trials per measurement; the best is kept.
  var trials = 7
  /// The jet tagger's model document.
  var jetPath = "../shared/golden/jet_tagger/jet_tagger.json"
  /// The BraggNN model folder or document.
  var braggnnPath = "models/braggnn_fc16_8_4_2_sz11"
  /// The 64×64 CNN's model document (bench/make_cnn64.py).
  var cnnPath = "bench/models/cnn64/cnn64.json"
  /// Where to write the JSON results, if anywhere.
  var jsonPath: String?

  /// Parses `arguments` (after the executable's name).
  init(_ arguments: [String]) throws(Failure) {
    guard let first = arguments.first, ["simulator", "runtime"].contains(first) else {
      throw Failure(description: "expected the benchmark 'simulator' or 'runtime'; \(Self.usage)")
    }
    benchmark = first
    var rest = arguments.dropFirst()
    while let option = rest.popFirst() {
      guard let value = rest.popFirst() else {
        throw Failure(description: "option '\(option)' needs a value; \(Self.usage)")
      }
      switch option {
      case "--models": models = value.split(separator: ",").map(String.init)
      case "--frames": frames = try Self.count(value, option)
      case "--threads": threads = try Self.count(value, option)
      case "--trials": trials = try Self.count(value, option)
      case "--jet": jetPath = value
      case "--braggnn": braggnnPath = value
      case "--cnn": cnnPath = value
      case "--json": jsonPath = value
      default: throw Failure(description: "unknown option '\(option)'; \(Self.usage)")
      }
    }
    if let unknown = models.first(where: { !["jet", "braggnn", "cnn64"].contains($0) }) {
      throw Failure(description: "unknown model '\(unknown)'; expected jet, braggnn or cnn64")
    }
  }

  /// A positive integer option value.
  private static func count(_ text: String, _ option: String) throws(Failure) -> Int {
    guard let value = Int(text), value >= 1 else {
      throw Failure(description: "invalid value '\(text)' for \(option); expected an integer ≥ 1")
    }
    return value
  }
}
