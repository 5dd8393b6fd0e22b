import FixedIR
import Foundation

/// A self-contained Vitis HLS project emitted from a `FixedProgram`: firmware (types, top
/// function, weights as raw integers, the kernel library), a testbench, build scripts and a
/// README, as text files by relative path.
///
/// Emission is deterministic: the same program and options give byte-identical files. The
/// emitted C++, compiled with Xilinx's `ap_fixed` headers, gives the same bits as the
/// Simulator for every input (docs/hls-project.md).
///
///     let project = try HLSProject.emit(program: program, options: HLSOptions(io: .stream))
///     try project.write(to: URL(fileURLWithPath: "hls-out/\(project.name)"))
///     project.files["firmware/\(project.name).cpp"]   // the top function
public struct HLSProject: Sendable, Equatable {
  /// The top function's name and the file stem (`firmware/NAME.cpp`).
  public let name: String
  /// The options the project was emitted with.
  public let options: HLSOptions
  /// Every file's text by path relative to the project folder.
  public let files: [String: String]
  /// The C++ identifier of every input and emitted op output by FixedIR name: the names of
  /// the testbench's output files and of the trace's lines.
  public let tensorIdentifiers: [String: String]

  /// Emits the project of `program`.
  ///
  /// - Throws: `HLSEmitterError.invalidProgram` when the verifier rejects the program,
  ///   `.invalidOption` or `.sampleInputs` for bad options, `.unsupported` for an op form
  ///   the kernels lack.
  public static func emit(
    program: FixedProgram, options: HLSOptions = HLSOptions()
  ) throws(HLSEmitterError) -> HLSProject {
    let plan = try FirmwarePlan(program: program, options: options)
    var files = try FirmwareWriter(plan: plan).files()
    files.merge(ConstantWriter(plan: plan).files()) { first, _ in first }
    for header in KernelLibrary.headers {
      files["\(KernelLibrary.folder)/\(header.name)"] = header.text + "\n"
    }
    let testbench = TestbenchWriter(plan: plan)
    files[testbench.path] = testbench.source()
    files["tb/\(TestbenchLibrary.name)"] = TestbenchLibrary.text + "\n"
    let scripts = TclWriter(plan: plan)
    files["build_prj.tcl"] = scripts.tcl()
    files["csim.sh"] = scripts.csim()
    files["README.md"] = ReadmeWriter(plan: plan).readme()
    for (path, text) in zip(scripts.sampleInputPaths, sampleFrames(plan)) {
      files[path] = text
    }
    return HLSProject(
      name: plan.name, options: options, files: files,
      tensorIdentifiers: plan.tensors.mapValues(\.id))
  }

  /// Writes every file under `directory` (created as needed); `csim.sh` is executable.
  ///
  /// Files are written with `fwrite`, not `Data.write`, which on Linux syncs each file to
  /// disk: 50 syncs cost half a second on a busy disk, more than the whole compilation.
  ///
  /// - Throws: `HLSEmitterError.writeFailed` naming the file.
  public func write(to directory: URL) throws(HLSEmitterError) {
    let manager = FileManager.default
    for path in files.keys.sorted() {
      let url = directory.appendingPathComponent(path)
      do {
        try manager.createDirectory(
          at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      } catch {
        throw .writeFailed(path: url.path, reason: error.localizedDescription)
      }
      try Self.write(files[path] ?? "", to: url.path)
      if path.hasSuffix(".sh") {
        do {
          try manager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        } catch {
          throw .writeFailed(path: url.path, reason: error.localizedDescription)
        }
      }
    }
  }

  /// Writes `text` as UTF-8 into the file at `path`, replacing it.
  private static func write(_ text: String, to path: String) throws(HLSEmitterError) {
    guard let file = fopen(path, "wb") else {
      throw .writeFailed(path: path, reason: String(cString: strerror(errno)))
    }
    let bytes = Array(text.utf8)
    let written = fwrite(bytes, 1, bytes.count, file)
    let failure = written == bytes.count ? nil : String(cString: strerror(errno))
    guard fclose(file) == 0, failure == nil else {
      throw .writeFailed(path: path, reason: failure ?? String(cString: strerror(errno)))
    }
  }

  /// The text of each input's sample frames (one per line): the options' or one of zeros.
  private static func sampleFrames(_ plan: FirmwarePlan) -> [String] {
    plan.inputs.enumerated().map { k, input in
      let values =
        plan.options.sampleInputs?[k] ?? [Float](repeating: 0, count: input.count)
      var lines: [String] = []
      var start = 0
      while start < values.count {
        let frame = values[start..<(start + input.count)]
        lines.append(frame.map { "\($0)" }.joined(separator: " "))
        start += input.count
      }
      return lines.joined(separator: "\n") + "\n"
    }
  }
}
