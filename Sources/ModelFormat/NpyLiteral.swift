/// A Python literal as it appears in a `.npy` header: the header is the `repr` of a dict.
///
/// Only the forms `numpy.save` writes and a few neighbours are kept; they are enough to read
/// the three fields and to show a user, in an error, exactly what a field held.
///
/// ```swift
/// NpyLiteral.tuple([.integer("8"), .integer("16")]).pythonText  // "(8, 16)"
/// ```
enum NpyLiteral: Equatable {
  /// A quoted string, without its quotes and with escapes resolved.
  case string(String)
  /// An integer literal, kept as text so that values beyond `Int` are reported, not trapped.
  case integer(String)
  /// A float literal, kept as text (only ever shown in an error).
  case float(String)
  /// `True` or `False`.
  case boolean(Bool)
  /// `None`.
  case none
  /// A parenthesised, comma-separated sequence.
  case tuple([NpyLiteral])
  /// A bracketed, comma-separated sequence (structured dtypes use lists).
  case list([NpyLiteral])
  /// A braced set of `key: value` entries, in the header's order.
  case dict([NpyDictEntry])

  /// The literal written back as Python source, for error messages.
  var pythonText: String {
    switch self {
    case .string(let text): "'\(text)'"
    case .integer(let digits), .float(let digits): digits
    case .boolean(let value): value ? "True" : "False"
    case .none: "None"
    case .tuple(let items):
      items.count == 1
        ? "(\(items[0].pythonText),)"
        : "(" + items.map(\.pythonText).joined(separator: ", ") + ")"
    case .list(let items): "[" + items.map(\.pythonText).joined(separator: ", ") + "]"
    case .dict(let entries):
      "{"
        + entries.map { "\($0.key.pythonText): \($0.value.pythonText)" }
        .joined(separator: ", ") + "}"
    }
  }
}

/// One `key: value` entry of a dict literal.
struct NpyDictEntry: Equatable {
  /// The key; `.npy` headers use string keys, but any literal parses.
  var key: NpyLiteral
  /// The value.
  var value: NpyLiteral
}
