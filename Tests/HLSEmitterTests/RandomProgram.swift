import FixedIR
import FixedPoint
import ModelFormat
import Simulator

/// A reproducible pseudo-random generator (SplitMix64), so a failing seed replays exactly.
struct SeededGenerator: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Random fixed-point programs: random op sequences over the FixedIR's ops, random shapes,
/// and random formats (odd widths, unsigned and integer types, every quantisation and
/// overflow mode, saturation bits, narrow accumulators that wrap or saturate at every step).
///
/// Each op is drawn among those that fit the current tensor; a draw the verifier or the
/// Simulator refuses is drawn again, so every program returned is valid.
struct RandomProgram {
  var rng: SeededGenerator
  private var constants: [String: FixedConstant] = [:]
  private var ops: [FixedOp] = []
  private var tensors: [FixedTensor] = []
  private var inputs: [FixedTensor] = []

  init(seed: UInt64) { rng = SeededGenerator(seed: seed) }

  /// A program named `name` with 2 to 6 ops, and 64 frames of inputs for it.
  mutating func make(name: String) -> (FixedProgram, [[Float]]) {
    while true {
      constants = [:]
      ops = []
      tensors = []
      inputs = [input("x0")]
      if Int.random(in: 0..<5, using: &rng) == 0 {
        inputs.append(input("x1"))
      }
      tensors = inputs
      let count = Int.random(in: 2...6, using: &rng)
      var attempts = 0
      while ops.count < count && attempts < 200 {
        attempts += 1
        if let op = randomOp(), accepts(op) {
          ops.append(op)
          tensors.append(op.output)
        }
      }
      guard !ops.isEmpty else { continue }
      var outputs = [ops[ops.count - 1].name]
      if ops.count > 2 && Bool.random(using: &rng) {
        outputs.insert(ops[Int.random(in: 0..<(ops.count - 1), using: &rng)].name, at: 0)
      }
      let program = FixedProgram(
        name: name, inputs: inputs, constants: constants, ops: ops, outputs: outputs)
      guard (try? Simulator(program: program)) != nil else { continue }
      return (program, inputs.map { frames(for: $0, count: 64) })
    }
  }

  /// Whether the program so far plus `op` verifies and simulates.
  private mutating func accepts(_ op: FixedOp) -> Bool {
    let program = FixedProgram(
      name: "candidate", inputs: inputs, constants: constants, ops: ops + [op],
      outputs: [op.name])
    do {
      try FixedProgramVerifier().verify(program)
      _ = try Simulator(program: program)
      return true
    } catch {
      return false
    }
  }

  // MARK: Formats

  /// A random format: widths 1 to 20, integer bits from −4 to width + 4, any modes.
  mutating func format(maxWidth: Int = 20) -> FixedFormat {
    while true {
      let width = Int.random(in: 1...maxWidth, using: &rng)
      let signed = Int.random(in: 0..<4, using: &rng) != 0
      if Int.random(in: 0..<10, using: &rng) == 0,
        let integer = try? FixedFormat(integerWidth: max(width, 2), isSigned: signed)
      {
        return integer
      }
      let integerBits = Int.random(in: -4...(width + 4), using: &rng)
      let q = QuantizationMode.allCases.randomElement(using: &rng) ?? .truncate
      let o = OverflowMode.allCases.randomElement(using: &rng) ?? .wrap
      let n =
        o.isWrapping && Int.random(in: 0..<6, using: &rng) == 0
        ? Int.random(in: 1...min(width, 3), using: &rng) : 0
      if let format = try? FixedFormat(
        width: width, integerBits: integerBits, isSigned: signed, quantization: q,
        overflow: o, saturationBits: n)
      {
        return format
      }
    }
  }

  private mutating func input(_ name: String) -> FixedTensor {
    let shape: [Int]
    switch Int.random(in: 0..<3, using: &rng) {
    case 0: shape = [Int.random(in: 1...12, using: &rng)]
    case 1: shape = [Int.random(in: 1...4, using: &rng), Int.random(in: 1...9, using: &rng)]
    default:
      shape = [
        Int.random(in: 1...3, using: &rng), Int.random(in: 1...7, using: &rng),
        Int.random(in: 1...7, using: &rng),
      ]
    }
    return FixedTensor(name: name, shape: shape, format: format())
  }

  /// Frames mixing values inside the format, beyond it, on its grid and at ties.
  private mutating func frames(for tensor: FixedTensor, count frames: Int) -> [Float] {
    let f = tensor.format
    let low = f.toDouble(f.minRaw)
    let high = f.toDouble(f.maxRaw)
    let span = max(high - low, f.resolution)
    return (0..<(frames * tensor.count)).map { _ in
      switch Int.random(in: 0..<10, using: &rng) {
      case 0: return 0
      case 1:
        let raw = Int64.random(in: -(1 << 20)...(1 << 20), using: &rng)
        return Float(Double(raw) * f.resolution + f.resolution / 2)
      case 2: return Float(Double(Int.random(in: -64...64, using: &rng)) * f.resolution)
      case 3: return [Float.infinity, -Float.infinity].randomElement(using: &rng) ?? 0
      default:
        return Float(Double.random(in: (low - span / 4)...(high + span / 4), using: &rng))
      }
    }
  }

  // MARK: Constants

  private mutating func constant(
    _ name: String, shape: [Int], format: FixedFormat? = nil
  ) -> String {
    let format = format ?? self.format(maxWidth: 16)
    let count = shape.reduce(1, *)
    let low = Int64(format.minRaw)
    let high = Int64(format.maxRaw)
    constants[name] = FixedConstant(
      name: name, shape: shape, format: format,
      raw: (0..<count).map { _ in Int64.random(in: low...high, using: &rng) })
    return name
  }

  private mutating func table(_ function: LookupTable.Function, format: FixedFormat)
    -> LookupTable
  {
    let size = Int.random(in: 1...48, using: &rng)
    let low = Int64(format.minRaw)
    let high = Int64(format.maxRaw)
    return LookupTable(
      function: function, shift: Int.random(in: -2...6, using: &rng),
      offset: Int.random(in: -size...(2 * size), using: &rng), format: format,
      entries: (0..<size).map { _ in Int64.random(in: low...high, using: &rng) })
  }

  private mutating func activation(_ name: String) -> FusedActivation {
    switch Int.random(in: 0..<3, using: &rng) {
    case 0: return .none
    case 1: return .relu
    default:
      return .leakyRelu(alpha: constant(name + ".alpha", shape: [], format: format(maxWidth: 10)))
    }
  }

  // MARK: Ops

  private mutating func randomOp() -> FixedOp? {
    guard let x = tensors.randomElement(using: &rng) else { return nil }
    let name = "op\(ops.count)"
    let out = format()
    let rank = x.shape.count
    func make(_ shape: [Int], _ inputs: [String], _ kind: FixedOpKind) -> FixedOp {
      FixedOp(
        output: FixedTensor(name: name, shape: shape, format: out), inputs: inputs, kind: kind)
    }
    switch Int.random(in: 0..<17, using: &rng) {
    case 0:
      let features = x.shape[rank - 1]
      let outputs = Int.random(in: 1...8, using: &rng)
      let w = constant(name + ".weight", shape: [outputs, features])
      let b = Bool.random(using: &rng) ? constant(name + ".bias", shape: [outputs]) : nil
      return make(
        Array(x.shape.dropLast()) + [outputs], [x.name],
        .dense(weight: w, bias: b, accumulator: format(maxWidth: 32), activation: activation(name)))
    case 1 where rank == 2:
      return conv1d(x, name, out)
    case 2 where rank == 3:
      return conv2d(x, name, out)
    case 3: return make(x.shape, [x.name], .relu)
    case 4:
      let alpha = constant(name + ".alpha", shape: [], format: format(maxWidth: 10))
      return make(x.shape, [x.name], .leakyRelu(alpha: alpha))
    case 5:
      let function: LookupTable.Function = Bool.random(using: &rng) ? .sigmoid : .tanh
      let t = table(function, format: out)
      return make(x.shape, [x.name], .table(t))
    case 6:
      let axis = Int.random(in: 0..<rank, using: &rng)
      let kind = FixedOpKind.softmax(
        axis: axis, exp: table(.exp, format: format(maxWidth: 12)), sum: format(maxWidth: 24),
        reciprocal: table(.reciprocal, format: format(maxWidth: 12)))
      return make(x.shape, [x.name], kind)
    case 7:
      let y = tensors.filter { $0.shape == x.shape }.randomElement(using: &rng) ?? x
      return make(x.shape, [x.name, y.name], Bool.random(using: &rng) ? .add : .mul)
    case 8 where rank <= 3:
      let s = constant(name + ".scale", shape: [x.shape[0]])
      let t = constant(name + ".shift", shape: [x.shape[0]])
      return make(x.shape, [x.name], .affine(scale: s, shift: t))
    case 9 where rank == 3:
      let p = pooling(x)
      let (oh, ow) = (
        (x.shape[1] + 2 * p.padding.h - p.kernel.h) / p.stride.h + 1,
        (x.shape[2] + 2 * p.padding.w - p.kernel.w) / p.stride.w + 1
      )
      if Bool.random(using: &rng) {
        return FixedOp(
          output: FixedTensor(name: name, shape: [x.shape[0], oh, ow], format: x.format),
          inputs: [x.name], kind: .maxpool2d(p))
      }
      let k = constant(name + ".k", shape: [], format: format(maxWidth: 12))
      return make([x.shape[0], oh, ow], [x.name], .avgpool2d(p, reciprocal: k))
    case 10 where rank == 3:
      let k = constant(name + ".k", shape: [], format: format(maxWidth: 12))
      return make([x.shape[0]], [x.name], .globalAvgpool2d(reciprocal: k))
    case 11: return make(x.shape, [x.name], .cast)
    case 12:
      let shape = rank == 1 ? [1, x.count] : [x.count]
      return FixedOp(
        output: FixedTensor(name: name, shape: shape, format: x.format), inputs: [x.name],
        kind: .reshape)
    case 13 where rank >= 2:
      let perm = Array(0..<rank).shuffled(using: &rng)
      return FixedOp(
        output: FixedTensor(name: name, shape: perm.map { x.shape[$0] }, format: x.format),
        inputs: [x.name], kind: .transpose(perm: perm))
    case 14 where rank == 3:
      let scale = Pair(Int.random(in: 1...2, using: &rng), Int.random(in: 1...3, using: &rng))
      return FixedOp(
        output: FixedTensor(
          name: name, shape: [x.shape[0], x.shape[1] * scale.h, x.shape[2] * scale.w],
          format: x.format),
        inputs: [x.name], kind: .upsample2d(scale: scale))
    case 15:
      let axis = Bool.random(using: &rng) ? 0 : Int.random(in: 0..<rank, using: &rng)
      let others = tensors.filter {
        $0.shape.count == rank
          && zip($0.shape, x.shape).enumerated().allSatisfy {
            $0.offset == axis || $0.element.0 == $0.element.1
          }
      }
      var parts = [x.name]
      for _ in 0..<Int.random(in: 1...2, using: &rng) {
        parts.append((others.randomElement(using: &rng) ?? x).name)
      }
      let along = parts.reduce(0) { sum, part in
        sum + (tensors.first { $0.name == part }?.shape[axis] ?? 0)
      }
      var shape = x.shape
      shape[axis] = along
      return make(shape, parts, .concat(axis: axis))
    case 16 where rank == 2:
      let t = FixedOp(
        output: FixedTensor(name: name + "t", shape: [x.shape[1], x.shape[0]], format: x.format),
        inputs: [x.name], kind: .transpose(perm: [1, 0]))
      guard accepts(t) else { return nil }
      ops.append(t)
      tensors.append(t.output)
      return make(
        [x.shape[0], x.shape[0]], [x.name, t.name], .matmul(accumulator: format(maxWidth: 32)))
    default:
      return nil
    }
  }

  private mutating func conv1d(_ x: FixedTensor, _ name: String, _ out: FixedFormat) -> FixedOp {
    let (c, l) = (x.shape[0], x.shape[1])
    let groups = [1, c].randomElement(using: &rng) ?? 1
    let outputs = groups * Int.random(in: 1...3, using: &rng)
    let k = Int.random(in: 1...3, using: &rng)
    let attributes = Convolution1D(
      stride: Int.random(in: 1...2, using: &rng), padLeft: Int.random(in: 0...2, using: &rng),
      padRight: Int.random(in: 0...2, using: &rng), dilation: Int.random(in: 1...2, using: &rng),
      groups: groups)
    let span = (k - 1) * attributes.dilation + 1
    let length = (l + attributes.padLeft + attributes.padRight - span) / attributes.stride + 1
    let w = constant(name + ".weight", shape: [outputs, c / groups, k])
    let b = Bool.random(using: &rng) ? constant(name + ".bias", shape: [outputs]) : nil
    return FixedOp(
      output: FixedTensor(name: name, shape: [outputs, max(length, 0)], format: out),
      inputs: [x.name],
      kind: .conv1d(
        attributes, weight: w, bias: b, accumulator: format(maxWidth: 32),
        activation: activation(name)))
  }

  private mutating func conv2d(_ x: FixedTensor, _ name: String, _ out: FixedFormat) -> FixedOp {
    let (c, h, w) = (x.shape[0], x.shape[1], x.shape[2])
    let groups = [1, c].randomElement(using: &rng) ?? 1
    let outputs = groups * Int.random(in: 1...2, using: &rng)
    let kernel = Pair(Int.random(in: 1...3, using: &rng), Int.random(in: 1...3, using: &rng))
    let attributes = Convolution2D(
      stride: Pair(Int.random(in: 1...2, using: &rng), Int.random(in: 1...2, using: &rng)),
      padding: Padding2D(
        Int.random(in: 0...2, using: &rng), Int.random(in: 0...2, using: &rng),
        Int.random(in: 0...2, using: &rng), Int.random(in: 0...2, using: &rng)),
      dilation: Pair(Int.random(in: 1...2, using: &rng), Int.random(in: 1...2, using: &rng)),
      groups: groups)
    let p = attributes.padding
    let spanH = (kernel.h - 1) * attributes.dilation.h + 1
    let spanW = (kernel.w - 1) * attributes.dilation.w + 1
    let oh = (h + p.top + p.bottom - spanH) / attributes.stride.h + 1
    let ow = (w + p.left + p.right - spanW) / attributes.stride.w + 1
    let weight = constant(name + ".weight", shape: [outputs, c / groups, kernel.h, kernel.w])
    let b = Bool.random(using: &rng) ? constant(name + ".bias", shape: [outputs]) : nil
    return FixedOp(
      output: FixedTensor(name: name, shape: [outputs, max(oh, 0), max(ow, 0)], format: out),
      inputs: [x.name],
      kind: .conv2d(
        attributes, weight: weight, bias: b, accumulator: format(maxWidth: 32),
        activation: activation(name)))
  }

  private mutating func pooling(_ x: FixedTensor) -> Pooling2D {
    let kernel = Pair(
      Int.random(in: 1...min(3, x.shape[1]), using: &rng),
      Int.random(in: 1...min(3, x.shape[2]), using: &rng))
    return Pooling2D(
      kernel: kernel,
      stride: Pair(Int.random(in: 1...2, using: &rng), Int.random(in: 1...2, using: &rng)),
      padding: Pair(
        Int.random(in: 0...(kernel.h / 2), using: &rng),
        Int.random(in: 0...(kernel.w / 2), using: &rng)))
  }
}
