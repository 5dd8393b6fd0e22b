import ModelFormat

/// Runs a pipeline of passes over a model: records what changed, verifies the graph after
/// each pass when asked, and captures the graph's text after the passes named in
/// `printIRAfter`.
///
/// Verification after every pass turns a pass that corrupts the graph into an error naming
/// that pass, instead of a wrong number three stages later; tests always turn it on. IR
/// printing is what `--print-ir-after NAME` shows, so a user can see what a pass did to
/// their model.
///
///     let manager = try PassManager(
///       passes: GraphPass.simplify, verifyAfterEachPass: true,
///       printIRAfter: ["fold-batchnorm"])
///     let run = try manager.run(model)
///     run.changedPasses  // ["drop-identity", "fold-batchnorm", "eliminate-dead-nodes"]
///     print(run.records[1].irAfter ?? "")
public struct PassManager: Sendable {
  /// The passes, in the order they run.
  public let passes: [GraphPass]
  /// Whether the model is verified before the first pass and after every pass.
  public let verifyAfterEachPass: Bool
  /// Names of the passes after which the graph's text form is captured.
  public let printIRAfter: Set<String>

  /// Creates a pass manager; throws `CompilerError.unknownPass` when `printIRAfter` names a
  /// pass that is not in `passes`, listing the names that are.
  public init(
    passes: [GraphPass], verifyAfterEachPass: Bool = false, printIRAfter: Set<String> = []
  ) throws {
    let names = passes.map(\.name)
    if let unknown = printIRAfter.sorted().first(where: { !names.contains($0) }) {
      var valid: [String] = []
      for name in names where !valid.contains(name) { valid.append(name) }
      throw CompilerError.unknownPass(name: unknown, valid: valid)
    }
    self.passes = passes
    self.verifyAfterEachPass = verifyAfterEachPass
    self.printIRAfter = printIRAfter
  }

  /// Runs every pass in order on a copy of `model` and returns the result.
  ///
  /// - Parameters:
  ///   - context: analysis results available to the passes (a reused calibration table).
  ///   - printIR: called with the pass name and the graph's text right after each pass named
  ///     in `printIRAfter`, so the text is seen even if a later pass fails.
  /// - Throws: `CompilerError.passFailed` when a pass throws, `.verificationFailed` when the
  ///   graph does not verify after a pass, and the verifier's own error when the input model
  ///   does not verify.
  public func run(
    _ model: Model, context: PassContext = PassContext(),
    printIR: (_ pass: String, _ text: String) -> Void = { _, _ in }
  ) throws -> PassRun {
    var model = model
    var context = context
    var records: [PassRecord] = []
    if verifyAfterEachPass { try Self.verify(model) }
    for pass in passes {
      let changed: Bool
      do {
        changed = try pass.run(&model, &context)
      } catch {
        throw CompilerError.passFailed(pass: pass.name, underlying: error)
      }
      if verifyAfterEachPass {
        do {
          try Self.verify(model)
        } catch {
          throw CompilerError.verificationFailed(pass: pass.name, underlying: error)
        }
      }
      var text: String? = nil
      if printIRAfter.contains(pass.name) {
        let printed = model.textForm
        printIR(pass.name, printed)
        text = printed
      }
      records.append(PassRecord(name: pass.name, changed: changed, irAfter: text))
    }
    return PassRun(model: model, context: context, records: records)
  }

  /// Runs `ModelVerifier`; its errors name the model as `NAME.json`, the manager not knowing
  /// the path it was loaded from.
  private static func verify(_ model: Model) throws {
    try ModelVerifier(file: "\(model.name).json").verify(model)
  }
}

/// What one pass did during a `PassManager` run.
public struct PassRecord: Sendable, Equatable {
  /// The pass's name.
  public var name: String
  /// Whether the pass reported a change to the model.
  public var changed: Bool
  /// The graph's text form after the pass, when the pass was named in `printIRAfter`.
  public var irAfter: String?

  /// Creates a record; the pass manager makes these, tests compare against them.
  public init(name: String, changed: Bool, irAfter: String? = nil) {
    self.name = name
    self.changed = changed
    self.irAfter = irAfter
  }
}

/// The outcome of a `PassManager` run: the rewritten model, the analyses, what each pass did.
public struct PassRun: Sendable {
  /// The model after the last pass.
  public var model: Model
  /// The context after the last pass, holding analysis results such as calibration.
  public var context: PassContext
  /// One record per pass, in run order.
  public var records: [PassRecord]

  /// Names of the passes that changed the model, in run order.
  public var changedPasses: [String] {
    records.filter(\.changed).map(\.name)
  }
}
