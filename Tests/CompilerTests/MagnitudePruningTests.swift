import Compiler
import ModelFormat
import Testing

@Suite struct MagnitudePruningTests {
  /// A model with two dense layers whose weights have distinct magnitudes.
  func model() -> Model {
    var model = Graphs.mlp()
    // Distinct, sign-alternating magnitudes so that ties cannot hide a wrong order.
    for name in ["fc1.weight", "fc2.weight"] {
      guard let t = model.weights[name] else { continue }
      model.weights[name] = Tensor(
        shape: t.shape,
        scalars: t.scalars.indices.map { i in
          Float(i % 2 == 0 ? 1 : -1) * (Float(i) * 0.37 + (name == "fc1.weight" ? 0.11 : 0.05))
        })
    }
    return model
  }

  func pruned(_ spec: String, _ model: Model) throws -> (Model, [PassRecord]) {
    let spec = try PruneSpec(parsing: spec)
    let run = try PassManager(passes: spec.passes, verifyAfterEachPass: true).run(model)
    return (run.model, run.records)
  }

  func zeros(_ t: Tensor?) -> Int { t?.scalars.filter { $0 == 0 }.count ?? -1 }

  /// `global:S` zeroes exactly round(S·n) of all weights, and only the smallest ones: every
  /// zeroed weight is no larger in magnitude than every kept one.
  @Test(arguments: [0.0, 0.25, 0.5, 0.75, 0.9])
  func globalSparsityIsMetExactly(sparsity: Double) throws {
    let original = model()
    let (after, records) = try pruned("global:\(sparsity)", original)
    let names = ["fc1.weight", "fc2.weight"]
    let total = names.reduce(0) { $0 + original.weights[$1]!.count }  // 12 + 6 = 18
    let expected = Int((sparsity * 18).rounded())
    #expect(total == 18)
    #expect(names.reduce(0) { $0 + zeros(after.weights[$1]) } == expected, "sparsity \(sparsity)")
    #expect(records.map(\.changed) == [expected > 0])
    var zeroed: [Float] = []
    var kept: [Float] = []
    for name in names {
      for (w, p) in zip(original.weights[name]!.scalars, after.weights[name]!.scalars) {
        if p == 0 { zeroed.append(w.magnitude) } else { kept.append(w.magnitude) }
        if p != 0 { #expect(p == w) }
      }
    }
    #expect((zeroed.max() ?? 0) <= (kept.min() ?? .infinity))
    #expect(after.weights["fc1.bias"] == original.weights["fc1.bias"])
    #expect(MagnitudePruning.sparsity(of: after).total == Double(expected) / 18)
  }

  /// `layer:S` gives every layer its own round(S·n) zeros; `layer:NAME=S` only that layer.
  @Test func perLayerTargets() throws {
    let (every, _) = try pruned("layer:0.5", model())
    #expect(zeros(every.weights["fc1.weight"]) == 6)
    #expect(zeros(every.weights["fc2.weight"]) == 3)
    let (one, _) = try pruned("layer:fc2=0.34", model())
    #expect(zeros(one.weights["fc1.weight"]) == 0)
    #expect(zeros(one.weights["fc2.weight"]) == 2)  // round(0.34 · 6)
    #expect(MagnitudePruning.sparsity(of: one).layers == ["fc1": 0, "fc2": 2.0 / 6])
  }

  /// `threshold:T` zeroes exactly the weights with |w| < T.
  @Test func thresholdZeroesSmallWeights() throws {
    let original = model()
    let (after, _) = try pruned("threshold:1.2", original)
    for name in ["fc1.weight", "fc2.weight"] {
      for (w, p) in zip(original.weights[name]!.scalars, after.weights[name]!.scalars) {
        #expect(p == (w.magnitude < 1.2 ? 0 : w), "\(name) \(w)")
      }
    }
  }

  /// Bad specs and unknown layers are errors that say what to write.
  @Test func badSpecsAreNamed() throws {
    #expect(throws: PruneError.self) { try PruneSpec(parsing: "global:1.5") }
    #expect(throws: PruneError.self) { try PruneSpec(parsing: "random:0.5") }
    #expect(throws: PruneError.self) { try PruneSpec(parsing: "global") }
    let error = PruneError.unknownLayer(name: "fc9", valid: ["fc1", "fc2"])
    #expect(
      error.description
        == "prune spec names layer 'fc9', which is not a dense or conv layer of the model; "
        + "layers: fc1, fc2")
    #expect(throws: CompilerError.self) { _ = try pruned("layer:fc9=0.5", model()) }
    #expect(
      try PruneSpec(parsing: "channels:0.25, layer:fc1=0.5,threshold:0.01").description
        == "channels:0.25,layer:fc1=0.5,threshold:0.01")
  }
}
