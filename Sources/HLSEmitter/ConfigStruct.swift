/// A layer's configuration: a C++ struct of compile-time constants and type names that a
/// kernel template reads (`CFG::n_in`, `CFG::accum_t`), as hls4ml's kernels do.
///
///     var config = ConfigStruct(name: "fc1_config")
///     config.int("n_in", 16)
///     config.type("accum_t", "fc1_accum_t")
///     config.text   // struct fc1_config {\n  static const int n_in = 16; ...
struct ConfigStruct {
  /// The struct's name.
  let name: String
  private var lines: [String] = []

  /// Starts an empty struct.
  init(name: String) {
    self.name = name
  }

  /// Adds `static const int field = value;`.
  mutating func int(_ field: String, _ value: Int) {
    lines.append("  static const int \(field) = \(value);")
  }

  /// Adds a `long long` constant (table offsets reach ±2^31).
  mutating func longLong(_ field: String, _ value: Int) {
    lines.append("  static const long long \(field) = \(value)LL;")
  }

  /// Adds `typedef type field;`.
  mutating func type(_ field: String, _ type: String) {
    lines.append("  typedef \(type) \(field);")
  }

  /// The struct's declaration.
  var text: String {
    (["struct \(name) {"] + lines + ["};"]).joined(separator: "\n")
  }
}
