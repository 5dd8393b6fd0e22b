import FixedIR
import FixedPoint
import ModelFormat

extension OpStep {
  /// The oracle of every op without an accumulator loop.
  mutating func runOther() throws -> [FixedValue] {
    switch op.kind {
    case .relu:
      return try x.items.map { try put($0.raw > 0 ? $0 : try zero($0.format)) }
    case .leakyRelu(let alpha):
      let a = try constant(alpha)[0]
      return try x.items.map { try put($0.raw >= 0 ? $0 : try $0 * a) }
    case .cast:
      return try x.items.map { try put($0) }
    case .table(let table):
      return try x.items.map { try FixedValue(raw: Int128(lookup(table, $0.raw)), format: out) }
    case .softmax(let axis, let exp, let sum, let reciprocal):
      return try softmax(axis: axis, exp: exp, sum: sum, reciprocal: reciprocal)
    case .add:
      return try zip(x.items, operands[1].items).map { try put(try $0 + $1) }
    case .mul:
      return try zip(x.items, operands[1].items).map { try put(try $0 * $1) }
    case .affine(let scale, let shift):
      let (s, t) = (try constant(scale), try constant(shift))
      let inner = x.items.count / x.shape[0]
      return try x.items.indices.map { i in
        try put(try (try x[i] * s[i / inner]) + t[i / inner])
      }
    case .maxpool2d(let p):
      return try pool(p, average: nil)
    case .avgpool2d(let p, let reciprocal):
      return try pool(p, average: try constant(reciprocal)[0])
    case .globalAvgpool2d(let reciprocal):
      let k = try constant(reciprocal)[0]
      let plane = x.shape[1] * x.shape[2]
      return try (0..<x.shape[0]).map { c in
        try put(try average(Array(x.items[(c * plane)..<((c + 1) * plane)]), k))
      }
    case .reshape:
      return x.items
    case .transpose(let perm):
      return transpose(perm)
    case .upsample2d(let scale):
      let (c, h, w) = (x.shape[0], x.shape[1], x.shape[2])
      var y: [FixedValue] = []
      for ci in 0..<c {
        for i in 0..<(h * scale.h) {
          for j in 0..<(w * scale.w) {
            y.append(x[(ci * h + i / scale.h) * w + j / scale.w])
          }
        }
      }
      return y
    case .concat(let axis):
      let outer = op.output.shape[..<axis].reduce(1, *)
      var y: [FixedValue] = []
      for o in 0..<outer {
        for operand in operands {
          let block = operand.shape[axis...].reduce(1, *)
          for i in 0..<block { y.append(try put(operand[o * block + i])) }
        }
      }
      return y
    case .dense, .conv1d, .conv2d, .matmul:
      return []
    }
  }

  /// `T[clamp((raw >> s) + o)]`, the shift written out on `Int128`.
  func lookup(_ table: LookupTable, _ raw: Int128) -> Int64 {
    let shifted = table.shift >= 0 ? raw >> table.shift : raw << -table.shift
    let index = min(max(shifted + Int128(table.offset), 0), Int128(table.entries.count - 1))
    return table.entries[Int(index)]
  }

  /// The exact window sum (in a format 20 bits wider) times `k`, written into the output.
  mutating func average(_ taps: [FixedValue], _ k: FixedValue) throws -> FixedValue {
    let f = x.items[0].format
    let sumFormat = try FixedFormat(
      width: f.width + 20, integerBits: f.integerBits + 20, isSigned: f.isSigned)
    let sum = try FixedValue(raw: taps.reduce(Int128(0)) { $0 + $1.raw }, format: sumFormat)
    return try put(try sum * k)
  }

  /// Pooling over `[C, H, W]`: the taps inside the input (padding skipped; for averages the
  /// padded zeros add nothing), then the maximum or, with `k`, the average, written.
  mutating func pool(_ p: Pooling2D, average k: FixedValue?) throws -> [FixedValue] {
    let (c, h, w) = (x.shape[0], x.shape[1], x.shape[2])
    let (oh, ow) = (op.output.shape[1], op.output.shape[2])
    var y: [FixedValue] = []
    for ci in 0..<c {
      for i in 0..<oh {
        for j in 0..<ow {
          var taps: [FixedValue] = []
          for r in 0..<p.kernel.h {
            for s in 0..<p.kernel.w {
              let (ih, iw) = (i * p.stride.h - p.padding.h + r, j * p.stride.w - p.padding.w + s)
              if ih >= 0 && ih < h && iw >= 0 && iw < w { taps.append(x[(ci * h + ih) * w + iw]) }
            }
          }
          if let k {
            y.append(try average(taps, k))
          } else {
            guard var best = taps.first else { throw OracleError.undefined("empty window") }
            for t in taps where t.raw > best.raw { best = t }
            y.append(try put(best))
          }
        }
      }
    }
    return y
  }

  mutating func softmax(
    axis: Int, exp: LookupTable, sum: FixedFormat, reciprocal: LookupTable
  ) throws -> [FixedValue] {
    let shape = x.shape
    let (outer, length) = (shape[..<axis].reduce(1, *), shape[axis])
    let inner = shape[(axis + 1)...].reduce(1, *)
    var y = x.items
    for o in 0..<outer {
      for i in 0..<inner {
        let indices = (0..<length).map { o * length * inner + $0 * inner + i }
        guard var m = indices.first.map({ x[$0] }) else { continue }
        for j in indices where x[j].raw > m.raw { m = x[j] }
        var s = try zero(sum)
        var e: [FixedValue] = []
        for j in indices {
          let d = try x[j] - m
          let value = try FixedValue(raw: Int128(lookup(exp, d.raw)), format: exp.format)
          e.append(value)
          s = try write(try s + value, to: sum, &counts.steps)
        }
        let r = try FixedValue(raw: Int128(lookup(reciprocal, s.raw)), format: reciprocal.format)
        for (n, j) in indices.enumerated() { y[j] = try put(try e[n] * r) }
      }
    }
    return y
  }

  /// Output dimension `k` is input dimension `perm[k]`.
  func transpose(_ perm: [Int]) -> [FixedValue] {
    let shape = x.shape
    var strides = [Int](repeating: 1, count: shape.count)
    for d in stride(from: shape.count - 2, through: 0, by: -1) {
      strides[d] = strides[d + 1] * shape[d + 1]
    }
    let outShape = perm.map { shape[$0] }
    return (0..<x.items.count).map { flat in
      var rest = flat
      var source = 0
      for k in stride(from: outShape.count - 1, through: 0, by: -1) {
        source += (rest % outShape[k]) * strides[perm[k]]
        rest /= outShape[k]
      }
      return x[source]
    }
  }
}
