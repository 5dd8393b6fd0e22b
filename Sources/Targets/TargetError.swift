import Foundation

/// Everything that can be wrong with a target, detector or family file, or a name asked for.
///
/// Every case carries the file and the field (dotted for nested objects, `resources.dsp`),
/// what was expected and what was found, and renders as one sentence that starts with the
/// file path, as model-file errors do:
///
///     targets/parts/x.json: field 'resources.dsp' must be a positive integer, found "many"
///
/// Raising and rendering are kept apart so tests can match the case and its values.
public enum TargetError: Error, Sendable, Equatable {
  /// A file could not be read (missing, a folder, no permission).
  case unreadableFile(file: String, reason: String)
  /// A file is not valid JSON.
  case invalidJSON(file: String, reason: String)
  /// A required field is absent.
  case missingField(file: String, field: String)
  /// A field holds the wrong kind of value (`"dsp": "many"`).
  case wrongType(file: String, field: String, expected: String, found: String)
  /// A field holds the right kind of value out of its range (`"dsp": -3`).
  case outOfRange(file: String, field: String, expected: String, found: String)
  /// A field the format does not define (often a typo); `accepted` lists those it does.
  case unknownField(file: String, field: String, accepted: [String])
  /// `format` or `version` is not what this kind of file must carry.
  case unsupportedFormat(file: String, field: String, expected: String, found: String)
  /// A part names a family that `families.json` does not define.
  case unknownFamily(file: String, family: String, known: [String])
  /// A detector's `budget_us` disagrees with `1e6 / frame_rate_hz` by more than 1 %.
  case budgetMismatch(file: String, budgetMicroseconds: Double, frameRateHz: Double)
  /// A file's `name` differs from its file name, so loading by name would be ambiguous.
  case nameMismatch(file: String, name: String, expected: String)
  /// No part, detector or family of that name exists; `available` lists those that do.
  case unknownName(kind: TargetKind, name: String, available: [String])
}

/// The kinds of entries in the target catalogue.
public enum TargetKind: String, Sendable, Equatable, CaseIterable {
  /// An FPGA part (`targets/parts/NAME.json`).
  case part
  /// A detector (`targets/detectors/NAME.json`).
  case detector
  /// A device family (`targets/families.json`).
  case family
}

extension TargetError: CustomStringConvertible, LocalizedError {
  /// The one-sentence message, starting with the file path where there is one.
  public var description: String {
    switch self {
    case .unreadableFile(let file, let reason):
      "\(file): cannot read the file: \(reason)"
    case .invalidJSON(let file, let reason):
      "\(file): not valid JSON: \(reason)"
    case .missingField(let file, let field):
      "\(file): missing required field '\(field)'"
    case .wrongType(let file, let field, let expected, let found),
      .outOfRange(let file, let field, let expected, let found),
      .unsupportedFormat(let file, let field, let expected, let found):
      "\(file): field '\(field)' must be \(expected), found \(found)"
    case .unknownField(let file, let field, let accepted):
      "\(file): unknown field '\(field)'; expected one of \(Self.list(accepted))"
    case .unknownFamily(let file, let family, let known):
      "\(file): field 'family' names unknown family \"\(family)\"; expected one of "
        + Self.list(known)
    case .budgetMismatch(let file, let budget, let rate):
      "\(file): field 'budget_us' is \(budget) but 1e6 / frame_rate_hz is "
        + "\(1e6 / rate); they must agree within 1 %"
    case .nameMismatch(let file, let name, let expected):
      "\(file): field 'name' is \"\(name)\" but the file is named \"\(expected)\"; "
        + "they must match"
    case .unknownName(let kind, let name, let available):
      "no \(kind.rawValue) named '\(name)'; available: \(Self.list(available))"
    }
  }

  /// The same sentence as `description`, for Foundation's error reporting.
  public var errorDescription: String? { description }

  private static func list(_ names: [String]) -> String {
    names.isEmpty ? "(none)" : names.map { "'\($0)'" }.joined(separator: ", ")
  }
}
