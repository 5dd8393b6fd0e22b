import Foundation
import Targets
import TestSupport
import Testing

/// Writes `text` as `parts/NAME.json` (or `detectors/`) into a copy of the catalogue's
/// `families.json`, then loads it through a fresh catalogue.
private func loadError(
  folder: String = "parts", name: String = "x", _ text: String
) throws -> TargetError? {
  try TemporaryDirectory.with { dir -> TargetError? in
    let families = try repositoryCatalog().directory.appendingPathComponent("families.json")
    try FileManager.default.copyItem(
      at: families, to: dir.appendingPathComponent("families.json"))
    let sub = dir.appendingPathComponent(folder)
    try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
    try text.write(
      to: sub.appendingPathComponent(name + ".json"), atomically: true, encoding: .utf8)
    let catalog = try TargetCatalog(directory: dir)
    do throws(TargetError) {
      if folder == "parts" {
        _ = try catalog.part(named: name)
      } else {
        _ = try catalog.detector(named: name)
      }
      return nil
    } catch {
      return error
    }
  }
}

private func part(
  resources: String = #""lut": 10, "ff": 20, "dsp": 5, "bram36": 1, "uram": 0"#,
  family: String = "\"ultrascale-plus\"", extra: String = ""
) -> String {
  """
  {"format": "etch-part", "version": 1, "name": "x", "part": "x-1", "family": \(family),
   "board": "b", "clock_mhz": 200, "resources": {\(resources)}, "source": "s"\(extra)}
  """
}

private func detector(rate: String = "1000", budget: String = "1000") -> String {
  """
  {"format": "etch-detector", "version": 1, "name": "x", "title": "t", "frame": [4, 4],
   "frame_rate_hz": \(rate), "budget_us": \(budget), "inferences_per_frame": 1,
   "vendor_claims": [], "source": "s"}
  """
}

@Suite struct CatalogErrorTests {
  @Test func aWellFormedFileLoads() throws {
    #expect(try loadError(part()) == nil)
    #expect(try loadError(folder: "detectors", detector()) == nil)
  }

  @Test func missingField() throws {
    let error = try loadError(part(resources: #""lut": 10, "ff": 20, "bram36": 1, "uram": 0"#))
    guard case .missingField(let file, let field) = error else {
      Issue.record("got \(String(describing: error))")
      return
    }
    #expect(field == "resources.dsp" && file.hasSuffix("parts/x.json"))
    #expect(error?.description.hasSuffix("missing required field 'resources.dsp'") == true)
  }

  @Test func wrongType() throws {
    let error = try loadError(
      part(resources: #""lut": 10, "ff": 20, "dsp": "many", "bram36": 1, "uram": 0"#))
    #expect(
      error?.description.hasSuffix(
        #"parts/x.json: field 'resources.dsp' must be a positive integer, found "many""#) == true)
    guard case .wrongType = error else {
      Issue.record("got \(String(describing: error))")
      return
    }
  }

  @Test func negativeNumber() throws {
    let error = try loadError(
      part(resources: #""lut": -3, "ff": 20, "dsp": 1, "bram36": 1, "uram": 0"#))
    #expect(
      error
        == .outOfRange(
          file: error?.fileForTest ?? "", field: "resources.lut", expected: "a positive integer",
          found: "-3"))
    let fraction = try loadError(
      part(resources: #""lut": 2.5, "ff": 20, "dsp": 1, "bram36": 1, "uram": 0"#))
    guard case .wrongType(_, "resources.lut", _, "2.5") = fraction else {
      Issue.record("got \(String(describing: fraction))")
      return
    }
  }

  @Test func unknownFamily() throws {
    let error = try loadError(part(family: "\"stratix\""))
    guard case .unknownFamily(_, "stratix", let known) = error else {
      Issue.record("got \(String(describing: error))")
      return
    }
    #expect(known.contains("ultrascale-plus"))
    #expect(error?.description.contains("unknown family \"stratix\"") == true)
  }

  @Test func malformedJSON() throws {
    let error = try loadError(#"{"format": "etch-part", "version": 1,"#)
    guard case .invalidJSON(let file, _) = error else {
      Issue.record("got \(String(describing: error))")
      return
    }
    #expect(file.hasSuffix("parts/x.json"))
    let typo = try loadError("{\n  \"format\": \"etch-part\",\n  \"version\": 1,,\n}")
    #expect(typo?.description.contains("not valid JSON: line 3, column 16: ") == true)
  }

  @Test func unknownFieldIsATypo() throws {
    let error = try loadError(part(extra: #", "clock_mhzz": 3"#))
    guard case .unknownField(_, "clock_mhzz", let accepted) = error else {
      Issue.record("got \(String(describing: error))")
      return
    }
    #expect(accepted.contains("clock_mhz"))
  }

  @Test func wrongFormatAndVersion() throws {
    let error = try loadError(folder: "detectors", part())
    #expect(
      error?.description.hasSuffix(
        #"field 'format' must be "etch-detector", found "etch-part""#) == true)
  }

  @Test func budgetMustBeTheFramePeriod() throws {
    let error = try loadError(folder: "detectors", detector(rate: "87000", budget: "20"))
    guard case .budgetMismatch(_, 20, 87000) = error else {
      Issue.record("got \(String(describing: error))")
      return
    }
    let zero = try loadError(folder: "detectors", detector(rate: "0"))
    guard case .outOfRange(_, "frame_rate_hz", "a positive number", "0") = zero else {
      Issue.record("got \(String(describing: zero))")
      return
    }
  }

  @Test func nameMustMatchTheFile() throws {
    let error = try loadError(name: "y", part())
    #expect(error == .nameMismatch(file: error?.fileForTest ?? "", name: "x", expected: "y"))
  }

  @Test func unknownNameListsTheAvailableOnes() throws {
    let catalog = try repositoryCatalog()
    #expect(throws: TargetError.self) { try catalog.part(named: "xcvu13") }
    do throws(TargetError) {
      _ = try catalog.detector(named: "4dcamera")
    } catch {
      #expect(error.description.hasPrefix("no detector named '4dcamera'; available: "))
      #expect(error.description.contains("'4d-camera'"))
    }
    #expect(throws: TargetError.self) { try catalog.family(named: "stratix") }
  }

  @Test func missingFileIsUnreadable() throws {
    let catalog = try repositoryCatalog()
    do throws(TargetError) {
      _ = try catalog.part(named: "/nonexistent/p.json")
      Issue.record("loaded a missing file")
    } catch {
      guard case .unreadableFile(let file, _) = error else {
        Issue.record("got \(error)")
        return
      }
      #expect(file == "/nonexistent/p.json")
    }
  }
}

extension TargetError {
  /// The file a located error names, for building the expected value.
  fileprivate var fileForTest: String {
    switch self {
    case .outOfRange(let file, _, _, _), .nameMismatch(let file, _, _): file
    default: ""
    }
  }
}
