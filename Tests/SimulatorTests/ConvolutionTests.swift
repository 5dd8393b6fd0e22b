import FixedIR
import FixedPoint
import ModelFormat
import Simulator
import Testing

/// A random conv2d (or conv1d): random channels, groups, kernel, stride, padding (each side
/// on its own) and dilation, sized so that the output is at least one pixel.
func randomConvolution(
  _ rng: inout SplitMix64, twoDimensional: Bool, _ choice: AccumulatorChoice = .random
) throws -> FixedProgram {
  while true {
    let groups = rng.int(1...3)
    let channels = groups * rng.int(1...3)
    let outputs = groups * rng.int(1...3)
    let kernel = Pair(twoDimensional ? rng.int(1...3) : 1, rng.int(1...4))
    let dilation = Pair(twoDimensional ? rng.int(1...2) : 1, rng.int(1...2))
    let stride = Pair(twoDimensional ? rng.int(1...3) : 1, rng.int(1...3))
    let padding =
      twoDimensional
      ? Padding2D(rng.int(0...2), rng.int(0...2), rng.int(0...2), rng.int(0...2))
      : Padding2D(0, rng.int(0...3), 0, rng.int(0...3))
    let spanH = dilation.h * (kernel.h - 1) + 1
    let spanW = dilation.w * (kernel.w - 1) + 1
    let height = twoDimensional ? max(spanH - padding.top - padding.bottom, 1) + rng.int(0...4) : 1
    let width = max(spanW - padding.left - padding.right, 1) + rng.int(0...5)
    let outHeight = (height + padding.top + padding.bottom - spanH) / stride.h + 1
    let outWidth = (width + padding.left + padding.right - spanW) / stride.w + 1
    let xFormat = try rng.format(maxWidth: 16)
    let wFormat = try rng.format(maxWidth: 12)
    let depth = channels / groups * kernel.h * kernel.w
    let weightShape =
      twoDimensional
      ? [outputs, channels / groups, kernel.h, kernel.w] : [outputs, channels / groups, kernel.w]
    let w = rng.constant("w", weightShape, wFormat)
    let b = rng.constant(
      "b", [outputs], try rng.biasFormat(near: xFormat.fractionBits + wFormat.fractionBits))
    let hasBias = !rng.oneIn(4)
    let accumulator = try rng.accumulator(
      choice, x: xFormat, w: w, bias: hasBias ? b : nil, depth: depth)
    let activation: FusedActivation = rng.oneIn(2) ? .relu : .none
    let inputShape = twoDimensional ? [channels, height, width] : [channels, width]
    let outputShape = twoDimensional ? [outputs, outHeight, outWidth] : [outputs, outWidth]
    let kind: FixedOpKind =
      twoDimensional
      ? .conv2d(
        Convolution2D(stride: stride, padding: padding, dilation: dilation, groups: groups),
        weight: "w", bias: hasBias ? "b" : nil, accumulator: accumulator, activation: activation)
      : .conv1d(
        Convolution1D(
          stride: stride.w, padLeft: padding.left, padRight: padding.right,
          dilation: dilation.w, groups: groups),
        weight: "w", bias: hasBias ? "b" : nil, accumulator: accumulator, activation: activation)
    let program = makeProgram(
      inputs: [FixedTensor(name: "x", shape: inputShape, format: xFormat)], constants: [w, b],
      ops: [
        FixedOp(
          output: FixedTensor(name: "conv", shape: outputShape, format: try rng.format()),
          inputs: ["x"], kind: kind)
      ])
    if (try? FixedProgramVerifier().verify(program)) != nil { return program }
  }
}

/// A random matmul `[B?, M, K] × [B?, K, N]` of two input tensors.
func randomMatmul(_ rng: inout SplitMix64, _ choice: AccumulatorChoice = .random) throws
  -> FixedProgram
{
  while true {
    let (m, k, n) = (rng.int(1...4), rng.int(1...6), rng.int(1...4))
    let batch = rng.oneIn(2) ? [rng.int(1...3)] : []
    let a = FixedTensor(name: "a", shape: batch + [m, k], format: try rng.format(maxWidth: 16))
    let b = FixedTensor(name: "b", shape: batch + [k, n], format: try rng.format(maxWidth: 12))
    // The proof for a tensor operand ranges over its whole format: the largest magnitude
    // stands in for every weight.
    let extremes = FixedConstant(
      name: "extremes", shape: [1, k], format: b.format,
      raw: [Int64](repeating: Int64(max(-b.format.minRaw, b.format.maxRaw)), count: k))
    let accumulator = try rng.accumulator(choice, x: a.format, w: extremes, bias: nil, depth: k)
    let program = makeProgram(
      inputs: [a, b],
      ops: [
        FixedOp(
          output: FixedTensor(name: "mm", shape: batch + [m, n], format: try rng.format()),
          inputs: ["a", "b"], kind: .matmul(accumulator: accumulator))
      ])
    if (try? FixedProgramVerifier().verify(program)) != nil { return program }
  }
}

@Suite("convolution and matmul")
struct ConvolutionTests {
  @Test(
    "conv2d matches the oracle with stride, padding, dilation and groups", arguments: 0..<40)
  func conv2d(index: Int) throws {
    let seed = testSeed(0xC200 + UInt64(index))
    var rng = SplitMix64(seed: seed)
    let program = try randomConvolution(&rng, twoDimensional: true)
    try expectMatchesOracle(program, frames: 2, seed: seed, rng: &rng)
  }

  @Test("conv1d matches the oracle with stride, padding, dilation and groups", arguments: 0..<30)
  func conv1d(index: Int) throws {
    let seed = testSeed(0xC100 + UInt64(index))
    var rng = SplitMix64(seed: seed)
    let program = try randomConvolution(&rng, twoDimensional: false)
    try expectMatchesOracle(program, frames: 2, seed: seed, rng: &rng)
  }

  @Test("matmul matches the oracle, with and without leading batch dimensions", arguments: 0..<30)
  func matmul(index: Int) throws {
    let seed = testSeed(0x3300 + UInt64(index))
    var rng = SplitMix64(seed: seed)
    try expectMatchesOracle(try randomMatmul(&rng), seed: seed, rng: &rng)
  }
}
