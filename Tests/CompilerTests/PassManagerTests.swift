import Compiler
import ModelFormat
import Testing

@Suite struct PassManagerTests {
  /// `x → fc1 → drop → relu1 → fc2`, plus a dead `aux` node: every simplify pass has work.
  func untidy() -> Model {
    var model = Graphs.mlp()
    model.nodes.insert(Node(name: "drop", op: .dropout, inputs: ["fc1"]), at: 1)
    model.nodes[2].inputs = ["drop"]
    model.nodes.append(Node(name: "aux", op: .sigmoid, inputs: ["fc1"]))
    return model
  }

  @Test func recordsWhichPassesChangedTheModel() throws {
    let run = try PassManager(passes: GraphPass.simplify, verifyAfterEachPass: true).run(untidy())
    #expect(
      run.records == [
        PassRecord(name: "drop-identity", changed: true),
        PassRecord(name: "fold-batchnorm", changed: false),
        PassRecord(name: "eliminate-dead-nodes", changed: true),
      ])
    #expect(run.changedPasses == ["drop-identity", "eliminate-dead-nodes"])
    #expect(run.model == Graphs.mlp())
  }

  @Test func leavesATidyModelAlone() throws {
    let run = try PassManager(passes: GraphPass.simplify, verifyAfterEachPass: true)
      .run(Graphs.mlp())
    #expect(run.changedPasses.isEmpty)
    #expect(run.model == Graphs.mlp())
  }

  @Test func printsTheGraphAfterTheNamedPassesOnly() throws {
    var printed: [String] = []
    let manager = try PassManager(
      passes: GraphPass.simplify, printIRAfter: ["drop-identity", "eliminate-dead-nodes"])
    let run = try manager.run(untidy()) { pass, _ in printed.append(pass) }
    #expect(printed == ["drop-identity", "eliminate-dead-nodes"])
    #expect(run.records.map { $0.irAfter != nil } == [true, false, true])
    #expect(run.records[0].irAfter?.contains("%aux = sigmoid(%fc1) : [3]") == true)
    #expect(run.records[2].irAfter == run.model.textForm)
    #expect(run.model.textForm == Graphs.mlp().textForm)
  }

  @Test func rejectsAnUnknownPassNameListingTheValidOnes() {
    #expect {
      try PassManager(passes: GraphPass.simplify, printIRAfter: ["fold-bn"])
    } throws: { error in
      guard case CompilerError.unknownPass("fold-bn", let valid) = error else { return false }
      return valid == ["drop-identity", "fold-batchnorm", "eliminate-dead-nodes"]
        && "\(error)"
          == "unknown pass 'fold-bn'; valid passes: drop-identity, fold-batchnorm, "
          + "eliminate-dead-nodes"
    }
  }

  @Test func prefixesAPassErrorWithThePassName() {
    var model = Graphs.mlp()
    model.nodes.insert(Graphs.batchnorm("bn", "fc1"), at: 1)
    model.nodes[2].inputs = ["bn"]
    model.weights = model.weights + Graphs.batchnormWeights("bn", 3)
    model.weights["bn.running_var"] = Tensor(shape: [3], scalars: [1, -1, 1])
    #expect {
      try PassManager(passes: GraphPass.simplify).run(model)
    } throws: { error in
      guard let error = error as? CompilerError, error.pass == "fold-batchnorm" else {
        return false
      }
      return error.rendered(path: "net.json")
        == "net.json: error: [fold-batchnorm] node 'bn': parameter 'running_var' plus eps is "
        + "-0.99999 at channel 1, but must be positive"
    }
  }

  @Test func namesThePassAfterWhichTheGraphNoLongerVerifies() {
    let breaks = GraphPass(name: "break-outputs", summary: "Points the output nowhere.") {
      model in
      model.outputs = ["nowhere"]
      return true
    }
    #expect {
      try PassManager(passes: [.dropIdentity, breaks], verifyAfterEachPass: true)
        .run(Graphs.mlp())
    } throws: { error in
      guard case CompilerError.verificationFailed("break-outputs", _) = error else {
        return false
      }
      return "\(error)".hasPrefix("[break-outputs] the graph is invalid after this pass")
    }
  }

  @Test func runsPassesThatShareAName() throws {
    let run = try PassManager(
      passes: [.eliminateDeadNodes, .dropIdentity, .eliminateDeadNodes],
      printIRAfter: ["eliminate-dead-nodes"]
    ).run(untidy())
    #expect(run.records.map(\.changed) == [true, true, false])
    #expect(run.records.map { $0.irAfter != nil } == [true, false, true])
  }
}
