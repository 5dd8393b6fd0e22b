import Compiler
import FixedIR
import FixedPoint
import Foundation
import ModelFormat
import Testing

/// Parsing, checking and writing precision config files, the `reuse` section included.
@Suite struct PrecisionConfigTests {
  static func parse(_ text: String) throws -> PrecisionConfig {
    try PrecisionConfig(json: Data(text.utf8), file: "p.json")
  }

  static func format(_ text: String) -> FixedFormat {
    do { return try FixedFormat(parsing: text) } catch { fatalError("\(text): \(error)") }
  }

  /// `x → fc1 (dense) → act1 (relu) → fc2 (dense)`: act1 is fused into fc1.
  static let model = Model(
    name: "two", inputs: [.init(name: "x", shape: [4])], outputs: ["fc2"],
    nodes: [
      Graphs.dense("fc1", "x"), Node(name: "act1", op: .relu, inputs: ["fc1"]),
      Graphs.dense("fc2", "act1"),
    ],
    weights: Graphs.denseWeights("fc1", 4, 3).merging(Graphs.denseWeights("fc2", 3, 2)) { a, _ in a
    })

  @Test func readsEverySection() throws {
    let config = try Self.parse(
      """
      {"precision": "ap_fixed<16,6>",
       "tensors": {"x": "ap_fixed<12,3>"},
       "nodes": {"fc1": {"accumulator": "ap_fixed<24,8>", "result": "ap_fixed<14,5>"}},
       "tables": {"sigmoid": {"entries": 512, "range": [-4, 4]}},
       "reuse": {"default": 4, "layers": {"fc1": 16, "fc2": 1}}}
      """)
    #expect(config.precision == .uniform(Self.format("ap_fixed<16,6>")))
    #expect(config.tensors == ["x": Self.format("ap_fixed<12,3>")])
    #expect(config.nodes["fc1"]?.accumulator == Self.format("ap_fixed<24,8>"))
    #expect(config.tables[.sigmoid] == TableConfig(entries: 512, range: -4..<4))
    #expect(config.reuse == ReuseConfig(defaultFactor: 4, layers: ["fc1": 16, "fc2": 1]))
  }

  @Test func aConfigWithoutReuseHasAnEmptySection() throws {
    let config = try Self.parse(#"{"precision": "calibrated"}"#)
    #expect(config.reuse.isEmpty && config.reuse == ReuseConfig())
  }

  /// Each bad reuse value names the file and the exact key.
  @Test(arguments: [
    (
      #"{"reuse": {"default": 0}}"#,
      PrecisionConfigError.badValue(
        file: "p.json", key: "reuse.default",
        reason: "is 0, but a reuse factor is an integer from 1 (fully unrolled) to 16777216")
    ),
    (
      #"{"reuse": {"layers": {"fc1": -3}}}"#,
      .badValue(
        file: "p.json", key: "reuse.layers.fc1",
        reason: "is -3, but a reuse factor is an integer from 1 (fully unrolled) to 16777216")
    ),
    (
      #"{"reuse": {"layers": {"fc1": 2.5}}}"#,
      .wrongType(file: "p.json", key: "reuse.layers.fc1", expected: "an integer reuse factor ≥ 1")
    ),
    (
      #"{"reuse": {"layers": {"fc1": "4"}}}"#,
      .wrongType(file: "p.json", key: "reuse.layers.fc1", expected: "an integer reuse factor ≥ 1")
    ),
    (
      #"{"reuse": {"layers": [4]}}"#,
      .wrongType(file: "p.json", key: "reuse.layers", expected: "an object")
    ),
    (#"{"reuse": 4}"#, .wrongType(file: "p.json", key: "reuse", expected: "an object")),
    (
      #"{"reuse": {"defualt": 4}}"#,
      .unknownKey(file: "p.json", key: "reuse.defualt", valid: ["default", "layers"])
    ),
    (
      #"{"reuse_factor": 4}"#,
      .unknownKey(
        file: "p.json", key: "reuse_factor",
        valid: ["precision", "tensors", "nodes", "tables", "reuse", "prune"])
    ),
  ])
  func rejectsBadReuseValues(text: String, expected: PrecisionConfigError) {
    #expect(throws: expected) { try Self.parse(text) }
  }

  @Test func errorsReadAsOneSentenceNamingFileAndKey() {
    let error = PrecisionConfigError.badValue(
      file: "p.json", key: "reuse.default",
      reason: "is 0, but a reuse factor is an integer from 1 (fully unrolled) to 16777216")
    #expect(
      error.description
        == "p.json: key 'reuse.default' is 0, but a reuse factor is an integer from 1 (fully "
        + "unrolled) to 16777216")
  }

  /// The sections that existed before `reuse` still reject what they rejected.
  @Test func existingSectionsStillRejectBadValues() {
    #expect(
      throws: PrecisionConfigError.wrongType(file: "p.json", key: "tensors.x", expected: "a string")
    ) {
      try Self.parse(#"{"tensors": {"x": 16}}"#)
    }
    #expect(
      throws: PrecisionConfigError.unknownKey(
        file: "p.json", key: "nodes.fc1.weigth",
        valid: [
          "result", "weight", "bias", "accumulator", "alpha", "reciprocal", "scale", "shift",
          "exp", "table_entries", "table_range", "reciprocal_entries",
        ])
    ) { try Self.parse(#"{"nodes": {"fc1": {"weigth": "ap_fixed<8,1>"}}}"#) }
    #expect(
      throws: PrecisionConfigError.badValue(
        file: "p.json", key: "tables.sigmoid.range",
        reason: "is [2.0, 1.0], but low must be below high")
    ) { try Self.parse(#"{"tables": {"sigmoid": {"range": [2, 1]}}}"#) }
  }

  @Test func checksReuseLayersAgainstTheModel() throws {
    try Self.parse(#"{"reuse": {"layers": {"fc1": 2, "fc2": 3}}}"#).check(against: Self.model)
    #expect(
      throws: PrecisionConfigError.unknownName(
        file: "p.json", key: "reuse.layers.fc3", kind: "node", suggestion: "fc1")
    ) { try Self.parse(#"{"reuse": {"layers": {"fc3": 2}}}"#).check(against: Self.model) }
    let relu = PrecisionConfigError.reuseNotForOp(
      file: "p.json", key: "reuse.layers.act1", op: "relu")
    #expect(throws: relu) {
      try Self.parse(#"{"reuse": {"layers": {"act1": 2}}}"#).check(against: Self.model)
    }
    #expect(
      relu.description
        == "p.json: key 'reuse.layers.act1' names a relu node, which has no multipliers to "
        + "reuse; reuse factors apply to dense, conv1d, conv2d and matmul nodes")
  }

  /// A layer whose activation is fused is computed by the op named after the activation.
  @Test func layerFactorsMapToOpNamesAndBack() {
    let reuse = ReuseConfig(defaultFactor: 2, layers: ["fc1": 8, "fc2": 4])
    let ops = reuse.opFactors(fusedActivations: ["fc1": "act1"])
    #expect(ops == ["act1": 8, "fc2": 4])
    #expect(
      ReuseConfig.layers(fromOpFactors: ops, fusedActivations: ["fc1": "act1"])
        == ["fc1": 8, "fc2": 4])
  }

  /// What `jsonText` writes reads back to the same config, every section included.
  @Test func writtenConfigReadsBackEqual() throws {
    let config = PrecisionConfig(
      file: "p.json", precision: .calibrated,
      tensors: [
        "x": Self.format("ap_fixed<12,3>"),
        "fc1.weight": Self.format("ap_fixed<8,1,AP_RND,AP_SAT>"),
      ],
      nodes: [
        "fc1": NodeConfig(
          result: Self.format("ap_ufixed<10,4>"), accumulator: Self.format("ap_fixed<30,10>")),
        "probs": NodeConfig(
          exp: Self.format("ap_fixed<18,2>"), tableEntries: 4096, tableRange: -8.5..<0,
          reciprocalEntries: 1024),
      ],
      tables: [
        .sigmoid: TableConfig(entries: 2048, range: -6..<6), .reciprocal: TableConfig(entries: 512),
      ],
      reuse: ReuseConfig(defaultFactor: 1, layers: ["conv \"2\"": 16, "fc1": 7]))
    let text = config.jsonText
    #expect(try Self.parse(text) == config)
    #expect(
      try Self.parse(PrecisionConfig(file: "p.json").jsonText) == PrecisionConfig(file: "p.json"))
    #expect(
      PrecisionConfig(file: "p.json", reuse: ReuseConfig(layers: ["fc1": 3])).jsonText
        == "{\n  \"reuse\": {\n    \"layers\": {\n      \"fc1\": 3\n    }\n  }\n}\n")
  }
}
