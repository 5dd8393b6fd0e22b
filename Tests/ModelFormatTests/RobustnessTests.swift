import Foundation
import ModelFormat
import Testing

/// SplitMix64: a small seeded generator, so that a failing mutation can be replayed.
private struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// `bytes` with 1–4 random edits: overwrite, insert, delete, or truncate.
private func mutate(_ bytes: [UInt8], _ rng: inout SplitMix64) -> [UInt8] {
  var out = bytes
  let interesting: [UInt8] = Array("{}[]\",:-0123456789eE.ntf \\".utf8) + [0, 0xFF, 0x80]
  for _ in 0..<Int.random(in: 1...4, using: &rng) where !out.isEmpty {
    let at = Int.random(in: 0..<out.count, using: &rng)
    let byte =
      Bool.random(using: &rng)
      ? interesting.randomElement(using: &rng) ?? 0 : UInt8.random(in: 0...255, using: &rng)
    switch Int.random(in: 0..<4, using: &rng) {
    case 0: out[at] = byte
    case 1: out.insert(byte, at: at)
    case 2: out.remove(at: at)
    default: out.removeLast(Int.random(in: 0...min(16, out.count), using: &rng))
    }
  }
  return out
}

/// Random damage to the base model's JSON and weights never traps: each read either
/// succeeds or throws a `ModelError` whose message starts with the file name.
@Test(arguments: [1, 2, 3, 4])
func randomDamageNeverCrashes(seed: UInt64) {
  var rng = SplitMix64(state: seed)
  let json = Array(BaseModel.json.utf8)
  let weights = [UInt8](BaseModel.weights)
  var failures = 0
  for _ in 0..<250 {
    let damagedJSON = mutate(json, &rng)
    let damagedWeights = mutate(weights, &rng)
    do {
      var (model, _) = try ModelLoader.decode(json: Data(damagedJSON), file: "base.json")
      model.weights = try SafeTensors(data: Data(damagedWeights), file: "base.safetensors").tensors
      try ModelVerifier(file: "base.json", weightsFile: "base.safetensors").verify(model)
      _ = try ModelStatistics(model: model)
      _ = model.textForm
    } catch {
      failures += 1
      #expect(error.description.hasPrefix("base."), "seed \(seed): \(error)")
    }
  }
  #expect(failures > 0)
}

/// Deeply nested JSON is refused at a fixed depth rather than recursed into.
@Test func deepNestingIsRefused() {
  let deep = String(repeating: "[", count: 100_000)
  let json = #"{"format": "etch-model", "extra": "# + deep + "}"
  do {
    _ = try ModelLoader.decode(json: Data(json.utf8), file: "deep.json")
    Issue.record("accepted")
  } catch {
    guard case .invalidJSON(_, 1, _, let reason) = error else {
      Issue.record("expected invalidJSON, got \(error)")
      return
    }
    #expect(reason == "nesting deeper than 64 levels")
  }
}

/// A model built in code with impossible attributes gets errors, not traps.
@Test(arguments: [
  Op.conv2d(Convolution2D(stride: Pair(0, 1))),
  Op.conv2d(Convolution2D(padding: Padding2D(-1, 0, 0, 0))),
  Op.conv2d(Convolution2D(groups: 0)),
  Op.maxpool2d(Pooling2D(kernel: Pair(0, 0))),
  Op.avgpool2d(Pooling2D(kernel: Pair(2, 2), stride: Pair(-1, 1))),
  Op.upsample2d(scale: Pair(0, 2), mode: .nearest),
  Op.batchnorm(eps: .nan),
  Op.leakyRelu(alpha: .infinity),
  Op.reshape(shape: [0, -1]),
  Op.transpose(perm: [0, 1, 2, 3]),
  Op.softmax(axis: Int.min),
  Op.concat(axis: Int.max),
])
func impossibleAttributesBuiltInCodeAreErrors(_ op: Op) {
  let params: [String: String] =
    switch op {
    case .conv2d: ["weight": "w"]
    case .batchnorm: ["weight": "c", "bias": "c", "running_mean": "c", "running_var": "c"]
    default: [:]
    }
  let inputs = op.name == "concat" ? ["x", "x"] : ["x"]
  let model = Model(
    name: "m", inputs: [.init(name: "x", shape: [2, 4, 4])], outputs: ["n"],
    nodes: [Node(name: "n", op: op, inputs: inputs, params: params)],
    weights: [
      "w": Tensor(shape: [2, 2, 1, 1], repeating: 1), "c": Tensor(shape: [2], repeating: 1),
    ])
  do {
    try ModelVerifier(file: "m.json").verify(model)
    Issue.record("\(op) verified")
  } catch {
    guard case .invalidAttribute(_, "n", op.name, _, _, _) = error else {
      Issue.record("\(op): expected invalidAttribute, got \(error)")
      return
    }
  }
}

/// An output shape beyond the limits is refused, not computed or allocated.
@Test func upsamplingPastTheLimitIsRefused() {
  let model = Model(
    name: "big", inputs: [.init(name: "x", shape: [1, 40_000, 40_000])], outputs: ["up"],
    nodes: [Node(name: "up", op: .upsample2d(scale: Pair(2, 2), mode: .nearest), inputs: ["x"])],
    weights: [:])
  #expect(
    throws: ModelError.dimensionTooLarge(
      file: "big.json", at: .node("up", op: "upsample2d"), field: "output shape",
      found: "the element count of [1, 80000, 80000]", limit: "2147483647 elements per tensor")
  ) {
    try ModelVerifier(file: "big.json").verify(model)
  }
}

/// Graph inputs built in code are held to the same limits as those read from files.
@Test func graphInputShapesAreChecked() {
  func verify(_ shape: [Int]) throws {
    let model = Model(
      name: "m", inputs: [.init(name: "x", shape: shape)], outputs: ["r"],
      nodes: [Node(name: "r", op: .relu, inputs: ["x"])], weights: [:])
    try ModelVerifier(file: "m.json").verify(model)
  }
  #expect(throws: ModelError.self) { try verify([]) }
  #expect(throws: ModelError.self) { try verify([4, 0]) }
  #expect(throws: ModelError.self) { try verify([-3]) }
  #expect(throws: ModelError.self) { try verify([1 << 40]) }
  #expect(throws: ModelError.self) { try verify([1 << 20, 1 << 20]) }
  #expect(throws: ModelError.self) { try verify(Array(repeating: 1, count: 9)) }
  #expect(throws: Never.self) { try verify([3, 5]) }
}
