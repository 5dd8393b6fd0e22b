/// C++ identifiers for the names of a program's tensors and constants, unique in the
/// emitted files.
///
/// A name becomes an identifier by keeping letters, digits and single underscores
/// (`fc1.weight` → `fc1_weight`). Each entity reserves its identifier together with every
/// name derived from it (`fc1_t`, `fc1_config`, ...), and a clash, a C++ keyword, a leading
/// digit or a name the emitted code uses itself gets a prefix or a number, so no two
/// emitted declarations can collide. Names are assigned in a fixed order, so emission is
/// deterministic.
struct CppNames {
  private var used: Set<String>

  /// Starts with the names the emitted code declares itself (the top function's name among
  /// them).
  init(reserved: [String]) {
    used = Set(reserved).union(Self.keywords)
  }

  /// A fresh base identifier for `name` such that it and `base + suffix` for every suffix
  /// are unused; all of them are reserved.
  mutating func assign(_ name: String, suffixes: [String]) -> String {
    let stem = Self.sanitize(name)
    var candidate = stem
    var number = 2
    while !isFree(candidate, suffixes) {
      candidate = "\(stem)_\(number)"
      number += 1
    }
    for suffix in [""] + suffixes { used.insert(candidate + suffix) }
    return candidate
  }

  private func isFree(_ base: String, _ suffixes: [String]) -> Bool {
    ([""] + suffixes).allSatisfy { !used.contains(base + $0) }
  }

  /// Letters, digits and single underscores; a prefix `n_` when the result is empty, starts
  /// with a digit, starts with `etch` or `tb_` (the emitted code's own locals), is a
  /// keyword, or has no lower-case letter (macros are upper case: `INLINE`, `AP_TRN`).
  static func sanitize(_ name: String) -> String {
    var text = ""
    for scalar in name.unicodeScalars {
      let keep = scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar))
      let c = keep ? Character(scalar) : "_"
      if c == "_" && (text.isEmpty || text.hasSuffix("_")) { continue }
      text.append(c)
    }
    while text.hasSuffix("_") { text.removeLast() }
    let lower = text.lowercased()
    if text.isEmpty || text.first?.isNumber == true || lower.hasPrefix("etch")
      || lower.hasPrefix("tb_") || keywords.contains(text) || text == text.uppercased()
    {
      text = "n_" + text
    }
    return text
  }

  /// C++ keywords and names the emitted code and the headers rely on.
  static let keywords: Set<String> = [
    "alignas", "alignof", "and", "and_eq", "asm", "auto", "bitand", "bitor", "bool", "break",
    "case", "catch", "char", "char16_t", "char32_t", "class", "compl", "const", "constexpr",
    "const_cast", "continue", "decltype", "default", "delete", "do", "double", "dynamic_cast",
    "else", "enum", "explicit", "export", "extern", "false", "float", "for", "friend", "goto",
    "if", "inline", "int", "long", "mutable", "namespace", "new", "noexcept", "not", "not_eq",
    "nullptr", "operator", "or", "or_eq", "private", "protected", "public", "register",
    "reinterpret_cast", "return", "short", "signed", "sizeof", "static", "static_assert",
    "static_cast", "struct", "switch", "template", "this", "thread_local", "throw", "true",
    "try", "typedef", "typeid", "typename", "union", "unsigned", "using", "virtual", "void",
    "volatile", "wchar_t", "while", "xor", "xor_eq", "main", "hls", "std", "ap_fixed",
    "ap_ufixed", "ap_int", "ap_uint", "ap_fixed_base", "ap_int_base", "size_t", "NULL",
  ]
}
