import Compiler
import ModelFormat
import Testing

/// The default simplify pipeline on real models: it must verify and must not change results.
@Suite struct SimplifyGoldenTests {
  @Test(arguments: SharedModels.all)
  func keepsEveryModelsOutputs(_ name: String) throws {
    let model = try SharedModels.model(name)
    let input = try SharedModels.input(name, limit: 64)
    let run = try PassManager(passes: GraphPass.simplify, verifyAfterEachPass: true).run(model)
    #expect(run.model.outputs == model.outputs, "\(name)")
    let before = try SharedModels.run(model, input)
    let after = try SharedModels.run(run.model, input)
    for (index, (b, a)) in zip(before, after).enumerated() {
      let mismatch = SharedModels.firstMismatch(b, a)
      #expect(mismatch == nil, "\(name) output \(index): \(mismatch ?? "")")
    }
  }

  @Test func foldsTheBatchnormOfConv2dOptionsWithinTolerance() throws {
    let model = try SharedModels.model("conv2d_options")
    var folded = model
    #expect(try FoldBatchNorm.run(on: &folded))
    #expect(folded.node(named: "bn1") == nil)
    #expect(folded.node(named: "act1")?.inputs == ["conv1"])
    #expect(
      folded.node(named: "conv1")?.params
        == ["weight": "conv1.weight.bnfold", "bias": "conv1.bias.bnfold"])
    let input = try SharedModels.input("conv2d_options")
    let expected = try SharedModels.output("conv2d_options")
    let before = try SharedModels.run(model, input)[0]
    let after = try SharedModels.run(folded, input)[0]
    #expect(SharedModels.firstMismatch(before, after) == nil)
    #expect(SharedModels.firstMismatch(expected, after) == nil)
  }

  @Test func dropsTheDropoutAndIdentityOfResidualMLPKeepingTheOutputName() throws {
    let model = try SharedModels.model("residual_mlp")
    var dropped = model
    #expect(DropIdentity.run(on: &dropped))
    #expect(!dropped.nodes.contains { $0.op == .dropout || $0.op == .identity })
    #expect(dropped.outputs == ["id"])
    // fc3 took the name of the identity that returned it; the dropout's reader reads `res`.
    #expect(dropped.node(named: "fc3") == nil)
    #expect(dropped.node(named: "id")?.op == .dense)
    #expect(dropped.node(named: "id")?.inputs == ["res"])
    let input = try SharedModels.input("residual_mlp")
    #expect(try SharedModels.run(dropped, input) == SharedModels.run(model, input))
  }
}
