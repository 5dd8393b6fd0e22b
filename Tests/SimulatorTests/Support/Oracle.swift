import FixedIR
import FixedPoint
import ModelFormat

/// An independent interpreter of the FixedIR, written from docs/fixed-ir.md with
/// FixedPoint's `FixedValue` (exact `+`, `−`, `*`, and `converted(to:)` for every `Q_T`),
/// one frame and one element at a time, in the documented order (padding taps skipped).
///
/// It shares no code with the Simulator's kernels: no planning, no lanes, no fast paths.
struct Oracle {
  let program: FixedProgram

  /// Overflows of one op: result writes and accumulator steps.
  struct Counts: Equatable {
    var results = 0
    var steps = 0
  }

  /// Every tensor's raws for one frame, from the inputs' raws, and each op's counts.
  func run(_ inputs: [[Int64]]) throws -> (tensors: [String: [Int64]], counts: [String: Counts]) {
    var tensors: [String: [Int64]] = [:]
    var formats: [String: FixedFormat] = [:]
    var shapes: [String: [Int]] = [:]
    for (input, raws) in zip(program.inputs, inputs) {
      tensors[input.name] = raws
      formats[input.name] = input.format
      shapes[input.name] = input.shape
    }
    var counts: [String: Counts] = [:]
    for op in program.ops {
      var step = OpStep(
        op: op, constants: program.constants,
        operands: try op.inputs.map { name in
          guard let raws = tensors[name], let format = formats[name], let shape = shapes[name]
          else { throw OracleError.undefined(name) }
          return try raws.map { try FixedValue(raw: Int128($0), format: format) }
            .withShape(shape)
        })
      let y = try step.run()
      tensors[op.name] = y.map { Int64($0.raw) }
      formats[op.name] = op.output.format
      shapes[op.name] = op.output.shape
      counts[op.name] = step.counts
    }
    return (tensors, counts)
  }
}

enum OracleError: Error {
  case undefined(String)
}

/// A tensor of values with its shape.
struct Values {
  var items: [FixedValue]
  var shape: [Int]
  subscript(i: Int) -> FixedValue { items[i] }
}

extension Array where Element == FixedValue {
  func withShape(_ shape: [Int]) -> Values { Values(items: self, shape: shape) }
}

/// `Q_T(v)`: the value written into `target`, counting it when the quantised value lies
/// outside the range (or is the minimum, which `AP_SAT_SYM` changes).
func write(_ v: FixedValue, to target: FixedFormat, _ count: inout Int) throws -> FixedValue {
  let result = try v.converted(to: target)
  let unbounded = try v.converted(
    to: FixedFormat(
      width: 128, integerBits: 128 - target.fractionBits, quantization: target.quantization))
  // `AP_SAT_SYM` leaves out the minimum only with 2 bits or more (a signed 1-bit
  // format saturates to −1 in the headers).
  let symmetric = target.overflow == .saturateSymmetric && target.isSigned && target.width > 1
  let signOnly =
    target.isIntegerType && !v.format.isIntegerType && v.format.integerBits == 0
    && v.format.isSigned
  if !signOnly
    && (unbounded.raw < target.minRaw + (symmetric ? 1 : 0) || unbounded.raw > target.maxRaw)
  {
    count += 1
  }
  return result
}

func zero(_ format: FixedFormat) throws -> FixedValue { try FixedValue(raw: 0, format: format) }

/// One op of the oracle.
struct OpStep {
  let op: FixedOp
  let constants: [String: FixedConstant]
  let operands: [Values]
  var counts = Oracle.Counts()

  var out: FixedFormat { op.output.format }
  var x: Values { operands[0] }

  func constant(_ name: String) throws -> [FixedValue] {
    guard let c = constants[name] else { throw OracleError.undefined(name) }
    return try c.raw.map { try FixedValue(raw: Int128($0), format: c.format) }
  }

  mutating func put(_ v: FixedValue) throws -> FixedValue {
    try write(v, to: out, &counts.results)
  }

  mutating func accumulate(_ acc: FixedValue, _ a: FixedValue, _ b: FixedValue) throws
    -> FixedValue
  {
    // `acc = acc + a * b`, as the kernels write it: the exact sum, then the accumulator's
    // modes (for `ap_int`, toward zero and wrap).
    try write(try acc + (try a * b), to: acc.format, &counts.steps)
  }

  mutating func start(_ bias: FixedValue?, _ accumulator: FixedFormat) throws -> FixedValue {
    guard let bias else { return try zero(accumulator) }
    return try write(bias, to: accumulator, &counts.steps)
  }

  mutating func finish(_ acc: FixedValue, _ activation: FusedActivation) throws -> FixedValue {
    switch activation {
    case .none: return try put(acc)
    case .relu: return try put(acc.raw > 0 ? acc : try zero(acc.format))
    case .leakyRelu(let alpha):
      return try put(acc.raw >= 0 ? acc : try acc * (try constant(alpha))[0])
    }
  }

  mutating func run() throws -> [FixedValue] {
    switch op.kind {
    case .dense(let weight, let bias, let acc, let activation):
      let w = try constant(weight)
      let b = try bias.map { try constant($0) }
      let features = x.shape[x.shape.count - 1]
      let outputs = w.count / features
      var y: [FixedValue] = []
      for row in 0..<(x.items.count / features) {
        for o in 0..<outputs {
          var a = try start(b?[o], acc)
          for i in 0..<features {
            a = try accumulate(a, x[row * features + i], w[o * features + i])
          }
          y.append(try finish(a, activation))
        }
      }
      return y
    case .conv1d(let c, let weight, let bias, let acc, let activation):
      let k = constants[weight]?.shape[2] ?? 0
      let geometry = OracleConvolution(
        channels: x.shape[0], height: 1, width: x.shape[1], kernel: Pair(1, k),
        stride: Pair(1, c.stride), padTop: 0, padLeft: c.padLeft, dilation: Pair(1, c.dilation),
        groups: c.groups, outputShape: [op.output.shape[0], 1, op.output.shape[1]])
      return try convolve(geometry, weight, bias, acc, activation)
    case .conv2d(let c, let weight, let bias, let acc, let activation):
      let shape = constants[weight]?.shape ?? []
      let geometry = OracleConvolution(
        channels: x.shape[0], height: x.shape[1], width: x.shape[2],
        kernel: Pair(shape[2], shape[3]), stride: c.stride, padTop: c.padding.top,
        padLeft: c.padding.left, dilation: c.dilation, groups: c.groups,
        outputShape: op.output.shape)
      return try convolve(geometry, weight, bias, acc, activation)
    case .matmul(let acc):
      let (a, b) = (x, operands[1])
      let (m, k, n) = (a.shape[a.shape.count - 2], a.shape[a.shape.count - 1], b.shape.last ?? 0)
      var y: [FixedValue] = []
      for batch in 0..<(a.items.count / (m * k)) {
        for i in 0..<m {
          for j in 0..<n {
            var s = try zero(acc)
            for t in 0..<k {
              s = try accumulate(s, a[batch * m * k + i * k + t], b[batch * k * n + t * n + j])
            }
            y.append(try put(s))
          }
        }
      }
      return y
    default:
      return try runOther()
    }
  }

  mutating func convolve(
    _ g: OracleConvolution, _ weight: String, _ bias: String?, _ acc: FixedFormat,
    _ activation: FusedActivation
  ) throws -> [FixedValue] {
    let w = try constant(weight)
    let b = try bias.map { try constant($0) }
    let (outChannels, outHeight, outWidth) = (g.outputShape[0], g.outputShape[1], g.outputShape[2])
    let groupChannels = g.channels / g.groups
    let groupOutputs = outChannels / g.groups
    var y: [FixedValue] = []
    for o in 0..<outChannels {
      let group = o / groupOutputs
      for oh in 0..<outHeight {
        for ow in 0..<outWidth {
          var a = try start(b?[o], acc)
          for ci in 0..<groupChannels {
            for r in 0..<g.kernel.h {
              let ih = oh * g.stride.h - g.padTop + r * g.dilation.h
              for s in 0..<g.kernel.w {
                let iw = ow * g.stride.w - g.padLeft + s * g.dilation.w
                guard ih >= 0, ih < g.height, iw >= 0, iw < g.width else { continue }
                let input = x[((group * groupChannels + ci) * g.height + ih) * g.width + iw]
                let tap = w[((o * groupChannels + ci) * g.kernel.h + r) * g.kernel.w + s]
                a = try accumulate(a, input, tap)
              }
            }
          }
          y.append(try finish(a, activation))
        }
      }
    }
    return y
  }
}

/// A convolution's geometry for the oracle (conv1d has height 1).
struct OracleConvolution {
  let channels: Int
  let height: Int
  let width: Int
  let kernel: Pair
  let stride: Pair
  let padTop: Int
  let padLeft: Int
  let dilation: Pair
  let groups: Int
  let outputShape: [Int]
}
