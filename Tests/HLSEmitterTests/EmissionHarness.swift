import FixedIR
import Foundation
import HLSEmitter
import ModelFormat
import Simulator
import TestSupport

/// One emitted project to build with g++ and compare with the Simulator.
struct EmissionCase: Sendable {
  /// Names the model, its seed or file, precision and architecture in failure messages.
  let label: String
  let program: FixedProgram
  let options: HLSOptions
  /// Per graph input, `frames × elements` float32 values.
  let inputs: [[Float]]
  let frames: Int
  /// The program the Simulator runs, when it is not `program` (to test the harness itself).
  var reference: FixedProgram? = nil

  /// What the Simulator runs.
  var simulated: FixedProgram { reference ?? program }
}

/// Emits projects, builds their testbenches with g++ (many projects in one translation
/// unit, each in its own namespace), runs them, and compares every output raw with the
/// Simulator's. A mismatch is traced on both sides (the testbench built with
/// `-DETCH_TRACE`, the Simulator's trace) to name the first tensor that differs.
enum EmissionHarness {
  /// The failure messages of `cases` (empty when every bit agrees). `ETCH_HLS_KEEP=DIR`
  /// keeps the projects, drivers and outputs under `DIR` for inspection. Prints the number of projects and the seconds spent in g++ and in the whole check.
  static func check(_ cases: [EmissionCase]) throws -> [String] {
    let start = ContinuousClock.now
    return try workspace { root in
      let projects = try cases.map { try write($0, under: root) }
      let built = ContinuousClock.now
      try build(projects, driver: "driver", defines: [], under: root)
      let compiled = ContinuousClock.now - built
      var failures: [String] = []
      for (item, project) in zip(cases, projects) {
        let observed = try runTestbench(item, project, driver: "driver", under: root)
        let expected = try Simulator(program: item.simulated).run(item.inputs, frames: item.frames)
        if let mismatch = firstMismatch(item, project, expected.outputs, observed) {
          failures.append(mismatch + ". " + (try trace(item, project, under: root)))
        }
      }
      print(
        "HLS harness: \(cases.count) projects (\(cases.first?.label ?? "")...): g++ "
          + "\(seconds(compiled)), total \(seconds(ContinuousClock.now - start))")
      return failures
    }
  }

  /// `12.3 s`.
  private static func seconds(_ duration: Duration) -> String {
    let (whole, fraction) = duration.components
    return String(format: "%.1f s", Double(whole) + Double(fraction) * 1e-18)
  }

  private static func workspace<T>(_ body: (URL) throws -> T) throws -> T {
    let keep = ProcessInfo.processInfo.environment["ETCH_HLS_KEEP"] ?? ""
    guard !keep.isEmpty else { return try TemporaryDirectory.with(body) }
    let folder = URL(fileURLWithPath: keep).appendingPathComponent(UUID().uuidString)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return try body(folder)
  }

  /// Writes the project and its input files.
  private static func write(_ item: EmissionCase, under root: URL) throws -> HLSProject {
    let project = try HLSProject.emit(program: item.program, options: item.options)
    let folder = root.appendingPathComponent(project.name)
    try project.write(to: folder)
    let inputs = folder.appendingPathComponent("inputs")
    try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
    for (tensor, values) in zip(item.program.inputs, item.inputs) {
      try NpyWriter<Float>.write(
        values, shape: [item.frames] + tensor.shape,
        to: inputs.appendingPathComponent("\(tensor.name).npy").path)
    }
    return project
  }

  /// One binary that runs any of `projects`' testbenches: `driver NAME INPUT... PREFIX`.
  private static func build(
    _ projects: [HLSProject], driver: String, defines: [String], under root: URL
  ) throws {
    var lines = [
      "#include <cstdio>", "#include <cstdlib>", "#include <cstring>", "#include <string>",
      "#include <vector>", "#include \"etch/etch.h\"", "#include \"etch_tb.h\"",
    ]
    for project in projects {
      lines += [
        "namespace case_\(project.name) {",
        "#define main tb_main",
        "#include \"\(project.name)/firmware/\(project.name).cpp\"",
        "#include \"\(project.name)/tb/\(project.name)_tb.cpp\"",
        "#undef main",
        "}",
      ]
    }
    lines.append("int main(int argc, char** argv) {")
    lines.append("  const std::string which = argc > 1 ? argv[1] : \"\";")
    for project in projects {
      lines.append(
        "  if (which == \"\(project.name)\") return case_\(project.name)::tb_main(argc - 1, argv + 1);"
      )
    }
    lines += ["  return 64;", "}", ""]
    try Data(lines.joined(separator: "\n").utf8).write(
      to: root.appendingPathComponent("\(driver).cpp"))
    let first = root.appendingPathComponent(projects[0].name)
    try CppBuild.compile(
      ["\(driver).cpp"], to: driver,
      includes: [
        root.path, first.appendingPathComponent("firmware").path,
        first.appendingPathComponent("tb").path,
      ], defines: defines, in: root)
  }

  /// Runs one testbench; its outputs' raws by output index.
  private static func runTestbench(
    _ item: EmissionCase, _ project: HLSProject, driver: String, under root: URL
  ) throws -> [[Int]] {
    let folder = root.appendingPathComponent(project.name)
    let out = folder.appendingPathComponent("out-\(driver)")
    try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
    let inputs = item.program.inputs.map { "\(project.name)/inputs/\($0.name).npy" }
    try CppBuild.run(
      "./\(driver)", [project.name] + inputs + [out.path + "/"], in: root)
    return try item.program.outputs.map { name in
      let id = project.tensorIdentifiers[name] ?? name
      return try NpyFile(path: out.appendingPathComponent("\(id).raw.npy").path).integers()
    }
  }

  /// The first output raw that differs, as a sentence, or nil.
  private static func firstMismatch(
    _ item: EmissionCase, _ project: HLSProject, _ expected: [SimulatedTensor],
    _ observed: [[Int]]
  ) -> String? {
    for (tensor, raws) in zip(expected, observed) {
      guard raws.count == tensor.raw.count else {
        return "\(item.label): output '\(tensor.name)' has \(raws.count) raws from C++, "
          + "\(tensor.raw.count) from the Simulator"
      }
      if let i = raws.indices.first(where: { Int64(raws[$0]) != tensor.raw[$0] }) {
        return "\(item.label): output '\(tensor.name)' frame \(i / tensor.count) element "
          + "\(i % tensor.count): Simulator raw \(tensor.raw[i]), C++ raw \(raws[i]) "
          + "(\(tensor.format))"
      }
    }
    return nil
  }

  /// Rebuilds the case with `-DETCH_TRACE` and names the first tensor, in execution order,
  /// whose raws differ from the Simulator's trace.
  private static func trace(_ item: EmissionCase, _ project: HLSProject, under root: URL)
    throws -> String
  {
    try build([project], driver: "trace_\(project.name)", defines: ["ETCH_TRACE"], under: root)
    _ = try runTestbench(item, project, driver: "trace_\(project.name)", under: root)
    let file = root.appendingPathComponent(
      "\(project.name)/out-trace_\(project.name)/trace.txt")
    var cpp: [String: [Int64]] = [:]
    for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n") {
      let fields = line.split(separator: " ")
      guard let id = fields.first else { continue }
      cpp[String(id), default: []] += fields.dropFirst().compactMap { Int64($0) }
    }
    let simulated = try Simulator(program: item.simulated).trace(
      Dictionary(uniqueKeysWithValues: zip(item.program.inputs.map(\.name), item.inputs)),
      frames: item.frames)
    for tensor in simulated.trace {
      guard let id = project.tensorIdentifiers[tensor.name], let raws = cpp[id] else { continue }
      let kind = item.program.ops.first { $0.name == tensor.name }?.kind.name ?? "input"
      if let i = raws.indices.first(where: { $0 >= tensor.raw.count || raws[$0] != tensor.raw[$0] })
      {
        let simulatorRaw = i < tensor.raw.count ? "\(tensor.raw[i])" : "none"
        return "First differing node: '\(tensor.name)' (\(kind), \(tensor.format)) frame "
          + "\(i / tensor.count) element \(i % tensor.count): Simulator raw \(simulatorRaw), "
          + "C++ raw \(raws[i])"
      }
    }
    return "The traces agree on every tensor"
  }
}
