// swift-tools-version: 6.2
// Etch: a compiler from trained neural networks to fixed-point HLS for detector-side FPGAs.
// Targets follow the pipeline; dependencies only point down it (see docs/architecture.md).
import PackageDescription

let package = Package(
  name: "Etch",
  products: [
    .executable(name: "etch", targets: ["etch"]),
    .executable(name: "etch-bench", targets: ["etch-bench"]),
    .library(name: "FixedPoint", targets: ["FixedPoint"]),
    .library(name: "ModelFormat", targets: ["ModelFormat"]),
    .library(name: "Reference", targets: ["Reference"]),
    .library(name: "Runtime", targets: ["Runtime"]),
  ],
  targets: [
    // Leaf: ap_fixed formats and raw-integer arithmetic.
    .target(name: "FixedPoint"),
    // Graph IR, model format v1 (JSON + safetensors), NumPy .npy files.
    .target(name: "ModelFormat"),
    // Float32 interpreter of the graph: the float oracle.
    .target(name: "Reference", dependencies: ["ModelFormat"]),
    // Seeded synthetic data (Bragg peaks, 4D-STEM scans, Bravais lattices) with labels.
    .target(name: "Synth", dependencies: ["ModelFormat"]),
    // The fixed-point IR: integer-only ops, a format on every tensor, every cast explicit.
    .target(name: "FixedIR", dependencies: ["FixedPoint", "ModelFormat"]),
    // Register-tiled matrix products in Float and Double: the float engine's layers and the
    // Simulator's exact integer sums.
    .target(name: "MatrixProduct"),
    // Bit-accurate executor of the FixedIR: the oracle for the emitted C++ and the fast engine.
    .target(name: "Simulator", dependencies: ["FixedIR", "FixedPoint", "MatrixProduct"]),
    // Vitis HLS C++ projects from the FixedIR: kernels header, weights as raws, testbench, tcl.
    .target(name: "HLSEmitter", dependencies: ["FixedIR", "FixedPoint", "ModelFormat"]),
    // FPGA parts, detectors, and the cost model that prices a FixedProgram on a part.
    .target(name: "Targets", dependencies: ["FixedIR", "FixedPoint", "ModelFormat"]),
    // Passes on the float graph (simplify, calibrate, quantize) and lowering to the FixedIR.
    .target(
      name: "Compiler", dependencies: ["FixedPoint", "FixedIR", "ModelFormat", "Reference"]),
    // Streaming inference: frame sources, bounded queue, workers, ordered sink, latency
    // statistics, and the fast float32 engine beside the Simulator.
    .target(
      name: "Runtime", dependencies: ["FixedIR", "MatrixProduct", "ModelFormat", "Simulator"]),
    // Pruning sweeps and precision search: compile, simulate and price candidates.
    .target(
      name: "Compression",
      dependencies: [
        "Compiler", "FixedIR", "FixedPoint", "ModelFormat", "Reference", "Simulator", "Targets",
      ]),
    // Command implementations; the `etch` executable only calls into this.
    .target(
      name: "EtchCLI",
      dependencies: [
        "FixedPoint", "ModelFormat", "Reference", "Compiler", "FixedIR", "Simulator", "HLSEmitter",
        "Targets", "Synth", "Runtime", "Compression",
      ]),
    .executableTarget(name: "etch", dependencies: ["EtchCLI"]),
    // Release-mode benchmarks: ratios against baselines measured in the same run, JSON out.
    .executableTarget(
      name: "etch-bench",
      dependencies: [
        "Compiler", "FixedIR", "FixedPoint", "ModelFormat", "Reference", "Runtime", "Simulator",
      ]),
    // Helpers shared by the test targets: locating ../shared, temporary files, running etch.
    .target(name: "TestSupport", dependencies: ["ModelFormat"]),
    .testTarget(name: "FixedPointTests", dependencies: ["FixedPoint"]),
    .testTarget(name: "ModelFormatTests", dependencies: ["ModelFormat", "TestSupport"]),
    .testTarget(
      name: "CompilerTests",
      dependencies: [
        "Compiler", "FixedIR", "FixedPoint", "ModelFormat", "Reference", "Simulator", "TestSupport",
      ]),
    .testTarget(
      name: "FixedIRTests", dependencies: ["FixedIR", "FixedPoint", "ModelFormat", "TestSupport"]),
    .testTarget(
      name: "SimulatorTests",
      dependencies: ["Simulator", "FixedIR", "FixedPoint", "ModelFormat", "TestSupport"]),
    .testTarget(
      name: "HLSEmitterTests",
      dependencies: [
        "HLSEmitter", "Simulator", "Compiler", "FixedIR", "FixedPoint", "ModelFormat",
        "TestSupport",
      ]),
    .testTarget(
      name: "TargetsTests",
      dependencies: ["Targets", "Compiler", "FixedIR", "FixedPoint", "ModelFormat", "TestSupport"]),
    .testTarget(name: "SynthTests", dependencies: ["Synth"]),
    .testTarget(name: "ReferenceTests", dependencies: ["Reference", "ModelFormat", "TestSupport"]),
    .testTarget(
      name: "RuntimeTests",
      dependencies: [
        "Runtime", "Reference", "Simulator", "Compiler", "ModelFormat", "TestSupport",
      ]),
    .testTarget(
      name: "EtchCLITests", dependencies: ["EtchCLI", "Compression", "ModelFormat", "TestSupport"]),
    .testTarget(
      name: "CompressionTests",
      dependencies: [
        "Compression", "Compiler", "FixedIR", "FixedPoint", "ModelFormat", "Targets",
        "TestSupport",
      ]),
  ],
  swiftLanguageModes: [.v6]
)
