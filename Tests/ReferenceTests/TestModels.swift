import ModelFormat
import Reference
import Testing

/// A reproducible stream of floats in [-1, 1) (SplitMix64), so a failing case can be replayed
/// from its seed.
struct SplitMix {
  var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> Float {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    z ^= z >> 31
    return Float(z >> 40) / Float(1 << 23) - 1
  }

  mutating func tensor(_ shape: [Int]) -> Tensor {
    Tensor(shape: shape, scalars: (0..<shape.reduce(1, *)).map { _ in next() })
  }
}

/// A model of one node `y` reading graph inputs `inputs`, with parameters bound by role to
/// weights named `y.ROLE`.
func singleNode(
  _ op: Op, inputs: [(String, [Int])], params: [String: Tensor] = [:]
) -> Model {
  Model(
    name: "single_\(op.name)",
    inputs: inputs.map { Model.Input(name: $0.0, shape: $0.1) },
    outputs: ["y"],
    nodes: [
      Node(
        name: "y", op: op, inputs: inputs.map(\.0),
        params: Dictionary(uniqueKeysWithValues: params.keys.map { ($0, "y.\($0)") }))
    ],
    weights: Dictionary(uniqueKeysWithValues: params.map { ("y.\($0.key)", $0.value) }))
}

/// Runs a single-node model on one batch and returns its only output.
func runSingle(
  _ op: Op, input: Tensor, params: [String: Tensor] = [:], threads: Int = 1
) throws -> Tensor {
  let model = singleNode(op, inputs: [("x", Array(input.shape.dropFirst()))], params: params)
  let outputs = try ReferenceEngine(model: model, threads: threads).run(batch: input)
  return try #require(outputs.first)
}

/// Whether `observed` is within `relative · |expected| + absolute` of `expected`.
func isClose(_ observed: Float, _ expected: Float, relative: Float = 1e-5, absolute: Float = 1e-6)
  -> Bool
{
  if observed.isNaN || expected.isNaN { return observed.isNaN && expected.isNaN }
  return abs(observed - expected) <= absolute + relative * abs(expected)
}

/// The absolute floor for comparing a whole node: 1e-6 times the node's largest magnitude
/// (at least 1).
///
/// A 1e-6 floor is "near zero" only for tensors of unit scale. Where a node's elements reach
/// 60 (the attention logits of BraggNN), an element near zero is a sum of terms that large,
/// and one float ulp of those terms (~4e-6) already exceeds 1e-6 for any summation order.
func absoluteFloor(_ expected: Tensor) -> Float {
  1e-6 * max(1, expected.scalars.reduce(0) { max($0, abs($1)) })
}

/// Expects `observed` to match `expected` element by element; a failure names the case,
/// the node, the first bad flat index and both values.
func expectClose(
  _ observed: Tensor, _ expected: Tensor, _ label: String, relative: Float = 1e-5,
  absolute: Float = 1e-6, sourceLocation: SourceLocation = #_sourceLocation
) {
  guard observed.shape == expected.shape else {
    Issue.record(
      "\(label): shape \(observed.shape), expected \(expected.shape)",
      sourceLocation: sourceLocation)
    return
  }
  let bad = zip(observed.scalars, expected.scalars).enumerated().filter {
    !isClose($0.element.0, $0.element.1, relative: relative, absolute: absolute)
  }
  if let first = bad.first {
    let message =
      "\(label): index \(multiIndex(first.offset, in: expected.shape)) expected "
      + "\(first.element.1), observed \(first.element.0) (\(bad.count) of \(observed.count) "
      + "elements differ)"
    Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
  }
}

/// The position of flat index `flat` in a C-order tensor of `shape`.
func multiIndex(_ flat: Int, in shape: [Int]) -> [Int] {
  var rest = flat
  var index = [Int](repeating: 0, count: shape.count)
  for axis in shape.indices.reversed() {
    index[axis] = rest % max(shape[axis], 1)
    rest /= max(shape[axis], 1)
  }
  return index
}
