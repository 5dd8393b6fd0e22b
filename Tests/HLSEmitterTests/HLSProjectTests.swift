import FixedIR
import FixedPoint
import Foundation
import HLSEmitter
import ModelFormat
import Simulator
import TestSupport
import Testing

/// What an emitted project holds, its determinism, its errors, and the project's own
/// scripts run as a user runs them.
@Suite struct HLSProjectTests {
  @Test("the project holds firmware, weights, kernels, testbench, scripts and README")
  func files() throws {
    for io in HLSOptions.IO.allCases {
      let project = try HLSProject.emit(program: ProgramFixtures.mlp(), options: HLSOptions(io: io))
      let expected = [
        "README.md", "build_prj.tcl", "csim.sh", "firmware/mlp.cpp", "firmware/mlp.h",
        "firmware/weights/fc1_bias.h", "firmware/weights/fc1_weight.h",
        // fc1.weight has a zero raw: written sparse, with its index arrays.
        "firmware/weights/fc1_weight_in.h", "firmware/weights/fc1_weight_out.h",
        "firmware/weights/act_table.h", "firmware/weights/prob_exp.h",
        "firmware/weights/prob_reciprocal.h", "firmware/etch/etch.h", "firmware/etch/etch_conv.h",
        "firmware/etch/etch_dense.h", "firmware/etch/etch_elementwise.h",
        "firmware/etch/etch_layout.h", "firmware/etch/etch_pool.h", "firmware/etch/etch_softmax.h",
        "firmware/etch/etch_stream.h", "firmware/etch/etch_types.h", "tb/etch_tb.h",
        "tb/mlp_tb.cpp", "tb_data/x.txt",
      ]
      #expect(project.files.keys.sorted() == expected.sorted())
      #expect(project.tensorIdentifiers == ["x": "x", "fc1": "fc1", "act": "act", "prob": "prob"])
    }
  }

  @Test("emission is deterministic: the same program and options give the same bytes")
  func deterministic() throws {
    for io in HLSOptions.IO.allCases {
      let options = HLSOptions(io: io, reuseFactor: 2, layerReuseFactors: ["c1": 4])
      let first = try HLSProject.emit(program: ProgramFixtures.frame64(), options: options)
      let second = try HLSProject.emit(program: ProgramFixtures.frame64(), options: options)
      #expect(first == second)
    }
  }

  @Test("weights are raw integer literals of their format, in the narrowest C integer")
  func rawWeights() throws {
    // At reuse 2 the weight keeps its zero raw (reuse 1 writes it sparse: SparseDenseTests).
    let project = try HLSProject.emit(
      program: ProgramFixtures.mlp(), options: HLSOptions(reuseFactor: 2))
    let weights = try #require(project.files["firmware/weights/fc1_weight.h"])
    #expect(weights.contains("static const signed char fc1_weight[24] = {"))
    #expect(weights.contains("    64, -32, 1, 127, -128, 5, 17, -3, 99, -77, 0, 12,"))
    #expect(weights.contains("ap_fixed<8,1>, shape [4, 6]; value = raw * 2^-7."))
    let header = try #require(project.files["firmware/mlp.h"])
    #expect(header.contains("typedef ap_fixed<8,1> fc1_weight_t;"))
    #expect(header.contains("typedef ap_fixed<14,5,AP_RND,AP_SAT> fc1_accum_t;"))
    #expect(header.contains("typedef ap_ufixed<14,4> prob_sum_t;"))
    #expect(header.contains("void mlp(const x_t x[6], prob_t prob[4], fc1_t fc1_out[4]);"))
    let tables = try #require(project.files["firmware/weights/prob_reciprocal.h"])
    #expect(tables.contains("static const unsigned short prob_reciprocal[64] = {"))
  }

  @Test("pragmas: ap_vld and PIPELINE for parallel, axis and DATAFLOW for stream")
  func pragmas() throws {
    let parallel = try HLSProject.emit(
      program: ProgramFixtures.mlp(), options: HLSOptions(io: .parallel))
    let parallelSource = try #require(parallel.files["firmware/mlp.cpp"])
    #expect(parallelSource.contains("#pragma HLS INTERFACE ap_vld port = x"))
    #expect(parallelSource.contains("#pragma HLS PIPELINE\n"))
    let reused = try HLSProject.emit(
      program: ProgramFixtures.mlp(), options: HLSOptions(io: .parallel, reuseFactor: 4))
    let reusedSource = try #require(reused.files["firmware/mlp.cpp"])
    #expect(reusedSource.contains("#pragma HLS DATAFLOW"))
    #expect(reusedSource.contains("static const int reuse_factor = 4;"))
    #expect(reusedSource.contains("static const int multipliers = 6;"))
    let stream = try HLSProject.emit(
      program: ProgramFixtures.frame64(), options: HLSOptions(io: .stream))
    let streamSource = try #require(stream.files["firmware/frame64.cpp"])
    #expect(streamSource.contains("#pragma HLS INTERFACE axis port = frame"))
    #expect(streamSource.contains("#pragma HLS DATAFLOW"))
    #expect(streamSource.contains("etch::conv2d_stream<frame_t, c1_t, c1_config>"))
    #expect(streamSource.contains("etch::pool2d_stream<c1_t, p1_t, p1_config>"))
    #expect(streamSource.contains("static void fc_stage("))
    let tcl = try #require(stream.files["build_prj.tcl"])
    #expect(tcl.contains("set part {xcvu13p-flga2577-2-e}"))
    #expect(tcl.contains("set clock_period 5"))
    #expect(tcl.contains("csynth_design") && tcl.contains("cosim_design"))
    #expect(tcl.contains("export_design -format ip_catalog"))
    let readme = try #require(stream.files["README.md"])
    #expect(readme.contains("Vitis HLS 2023.2"))
    #expect(readme.contains("Synthesis was not run"))
  }

  @Test("the default architecture is parallel for small models, stream for 64×64 frames")
  func defaultArchitecture() {
    #expect(HLSOptions.defaultIO(for: ProgramFixtures.mlp()) == .parallel)
    #expect(HLSOptions.defaultIO(for: ProgramFixtures.frame64()) == .stream)
  }

  @Test("bad options and invalid programs are errors that say what to change")
  func errors() {
    let program = ProgramFixtures.mlp()
    func failure(_ options: HLSOptions, _ program: FixedProgram = ProgramFixtures.mlp())
      -> String?
    {
      do {
        _ = try HLSProject.emit(program: program, options: options)
        return nil
      } catch {
        return error.description
      }
    }
    #expect(
      failure(HLSOptions(reuseFactor: 0)) == "option 'reuseFactor' = 0: must be at least 1")
    #expect(
      failure(HLSOptions(layerReuseFactors: ["fc9": 2]))
        == "option 'layerReuseFactors' = fc9: the program has no op of that name")
    #expect(
      failure(HLSOptions(part: "xc7}; exec rm"))
        == "option 'part' = 'xc7}; exec rm': must be a part name of letters, digits, '-', '_' "
        + "and '.'")
    #expect(
      failure(HLSOptions(projectName: "my model"))
        == "option 'projectName' = 'my model': must be a C identifier such as 'my_model'")
    #expect(
      failure(HLSOptions(sampleInputs: [[1, 2, 3]]))
        == "sample inputs: input 'x' has 3 values; expected a positive multiple of 6")
    var broken = program
    broken.outputs = ["nosuch"]
    #expect(failure(HLSOptions(), broken)?.hasPrefix("the fixed-point program is invalid") == true)
  }

  @Test("write(to:) writes every file, csim.sh executable, and names a file it cannot write")
  func writing() throws {
    let project = try HLSProject.emit(program: ProgramFixtures.mlp())
    try TemporaryDirectory.with { folder in
      try project.write(to: folder)
      for (path, text) in project.files {
        let data = try Data(contentsOf: folder.appendingPathComponent(path))
        #expect(data == Data(text.utf8), "\(path)")
      }
      let script = folder.appendingPathComponent("csim.sh").path
      #expect(FileManager.default.isExecutableFile(atPath: script))
      let blocked = folder.appendingPathComponent("blocked")
      try FileManager.default.createDirectory(
        at: blocked.appendingPathComponent("README.md"), withIntermediateDirectories: true)
      #expect(
        throws: HLSEmitterError.writeFailed(
          path: blocked.appendingPathComponent("README.md").path, reason: "Is a directory")
      ) {
        try project.write(to: blocked)
      }
    }
  }

  /// Found by the random programs (seed 0x8c9d603dd104d35): for a signed 1-bit AP_SAT_SYM
  /// target, Xilinx's headers saturate negative values to min (raw −1: they set min, then OR
  /// in 1), not to −max (raw 0); FixedPoint and the Simulator now do the same.
  @Test("a signed 1-bit AP_SAT_SYM cast saturates to -1, as the headers do")
  func symmetricSaturationOneBit() throws {
    let x = FixedTensor(name: "x", shape: [4], format: ProgramFixtures.format("ap_fixed<8,2>"))
    let y = FixedTensor(
      name: "y", shape: [4], format: ProgramFixtures.format("ap_fixed<1,-3,AP_TRN,AP_SAT_SYM>"))
    let program = FixedProgram(
      name: "sym1", inputs: [x], constants: [:],
      ops: [FixedOp(output: y, inputs: ["x"], kind: .cast)], outputs: ["y"])
    let failures = try EmissionHarness.check([
      EmissionCase(
        label: "sym1", program: program, options: HLSOptions(),
        inputs: [[-0.5, -0.125, 0.125, 0]], frames: 1)
    ])
    #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
  }

  @Test("names become unique C identifiers, keywords and clashes renamed")
  func identifiers() throws {
    var program = ProgramFixtures.mlp()
    program.inputs[0].name = "class"
    program.ops[0].inputs = ["class"]
    program.ops[1].output.name = "fc1.t"
    program.ops[2].inputs = ["fc1.t"]
    let project = try HLSProject.emit(program: program)
    #expect(project.tensorIdentifiers["class"] == "n_class")
    #expect(project.tensorIdentifiers["fc1.t"] == "fc1_t_2")
  }

  @Test("csim.sh builds the testbench with g++ and its outputs equal the Simulator's")
  func csimScript() throws {
    let headers = try APTypes.folder()
    let program = ProgramFixtures.mlp()
    let frames = ProgramFixtures.frames(for: program, count: 16)
    let simulated = try Simulator(program: program).run(frames, frames: 16)
    for io in HLSOptions.IO.allCases {
      let project = try HLSProject.emit(
        program: program, options: HLSOptions(io: io, sampleInputs: frames))
      try TemporaryDirectory.with { folder in
        try project.write(to: folder)
        let output = try CppBuild.run("./csim.sh", [headers.path], in: folder)
        #expect(output.stdout.contains("mlp: 16 frames; outputs written to tb_data/out_*"))
        for tensor in simulated.outputs {
          let id = project.tensorIdentifiers[tensor.name] ?? tensor.name
          let text = try String(
            contentsOf: folder.appendingPathComponent("tb_data/out_\(id).raw.txt"),
            encoding: .utf8)
          let raws = text.split(whereSeparator: { $0 == " " || $0 == "\n" }).compactMap {
            Int64($0)
          }
          #expect(raws == tensor.raw, "\(io) output \(tensor.name)")
        }
      }
    }
  }

  @Test("a 64×64 frame streams through line buffers with the Simulator's bits")
  func largeFrame() throws {
    let program = ProgramFixtures.frame64()
    let frames = ProgramFixtures.frames(for: program, count: 3)
    let failures = try EmissionHarness.check([
      EmissionCase(
        label: "frame64 (stream)", program: program, options: HLSOptions(io: .stream),
        inputs: frames, frames: 3),
      EmissionCase(
        label: "frame64 (stream, reuse 4)", program: program,
        options: HLSOptions(io: .stream, reuseFactor: 4, projectName: "frame64_reuse"),
        inputs: frames, frames: 3),
      EmissionCase(
        label: "mlp (parallel, reuse 3)", program: ProgramFixtures.mlp(),
        options: HLSOptions(io: .parallel, reuseFactor: 3, projectName: "mlp_reuse"),
        inputs: ProgramFixtures.frames(for: ProgramFixtures.mlp(), count: 8), frames: 8),
    ])
    #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
  }

  @Test("a mismatch names the model, the first differing node and output")
  func mismatchReport() throws {
    let emitted = ProgramFixtures.mlp()
    var reference = emitted
    reference.constants["fc1.weight"]?.raw[7] += 1
    let failures = try EmissionHarness.check([
      EmissionCase(
        label: "mlp with a changed weight", program: emitted, options: HLSOptions(),
        inputs: ProgramFixtures.frames(for: emitted, count: 4), frames: 4, reference: reference)
    ])
    #expect(failures.count == 1)
    let message = failures.first ?? ""
    #expect(message.hasPrefix("mlp with a changed weight: output '"))
    #expect(
      message.contains("First differing node: 'fc1' (dense, ap_fixed<8,4,AP_RND_CONV,AP_SAT>)"))
  }
}
