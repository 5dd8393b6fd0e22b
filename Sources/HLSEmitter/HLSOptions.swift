import FixedIR

/// How an emitted project is built: its architecture, parallelism, target and test inputs.
///
///     var options = HLSOptions(io: .stream)
///     options.reuseFactor = 4                  // every multiply-accumulate layer
///     options.layerReuseFactors["conv1"] = 8   // ...except this one
///     options.part = "xcku115-flvb2104-2-i"
public struct HLSOptions: Sendable, Equatable {
  /// The architecture of the emitted top function.
  public enum IO: String, Sendable, Equatable, CaseIterable {
    /// Arrays between layers, unrolled and pipelined (`PIPELINE`, `UNROLL`,
    /// `ARRAY_PARTITION`); ports are `ap_vld`. For small models: lowest latency.
    case parallel
    /// `hls::stream`s between layers under `DATAFLOW`, pixels in raster order, line buffers
    /// for convolutions and pooling; ports are AXI streams (`axis`). For large frames.
    case stream
  }

  /// The architecture; `HLSOptions.defaultIO(for:)` picks one by model size.
  public var io: IO
  /// Products per multiplier in dense, convolution and matmul layers (the initiation
  /// interval of their pipelines); 1 unrolls them fully.
  public var reuseFactor: Int
  /// Per-op reuse factors (by op name) that replace `reuseFactor`.
  public var layerReuseFactors: [String: Int]
  /// The FPGA part of `build_prj.tcl`.
  public var part: String
  /// The clock period in nanoseconds.
  public var clockPeriodNs: Double
  /// The project's name (files, top function); nil: the program's name.
  public var projectName: String?
  /// Frames for `tb_data/`, one array per graph input (frames × elements, float32), so that
  /// `csim.sh` and `build_prj.tcl` run out of the box; nil writes one frame of zeros.
  public var sampleInputs: [[Float]]?

  /// Creates options; the defaults are hls4ml's (part `xcvu13p-flga2577-2-e`, 5 ns).
  public init(
    io: IO = .parallel, reuseFactor: Int = 1, layerReuseFactors: [String: Int] = [:],
    part: String = "xcvu13p-flga2577-2-e", clockPeriodNs: Double = 5,
    projectName: String? = nil, sampleInputs: [[Float]]? = nil
  ) {
    self.io = io
    self.reuseFactor = reuseFactor
    self.layerReuseFactors = layerReuseFactors
    self.part = part
    self.clockPeriodNs = clockPeriodNs
    self.projectName = projectName
    self.sampleInputs = sampleInputs
  }

  /// The largest tensor (elements of one frame) that `parallel` is chosen for by default.
  public static let parallelTensorLimit = 4096

  /// The default architecture for a program: `parallel` when every tensor holds at most
  /// `parallelTensorLimit` elements (partitioned arrays of that size are still registers
  /// and LUTs an FPGA can hold), `stream` otherwise (64×64 frames and larger).
  public static func defaultIO(for program: FixedProgram) -> IO {
    let tensors = program.inputs + program.ops.map(\.output)
    return tensors.allSatisfy { $0.count <= parallelTensorLimit } ? .parallel : .stream
  }

  /// The reuse factor of op `name`.
  func reuse(of name: String) -> Int { layerReuseFactors[name] ?? reuseFactor }
}
