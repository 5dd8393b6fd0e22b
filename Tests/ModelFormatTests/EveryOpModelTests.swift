import Foundation
import ModelFormat
import Testing

/// A model that uses every operator of version 1, most with non-default attributes.
func everyOpModel() -> Model {
  func tensor(_ shape: [Int]) -> Tensor {
    let count = shape.reduce(1, *)
    return Tensor(shape: shape, scalars: (0..<count).map { Float($0 % 7) / 8 - 0.25 })
  }
  func node(_ name: String, _ op: Op, _ inputs: [String], _ params: [String: String] = [:]) -> Node
  {
    Node(name: name, op: op, inputs: inputs, params: params)
  }
  let conv = Convolution2D(
    stride: Pair(2, 1), padding: Padding2D(1, 0, 2, 1), dilation: Pair(1, 2), groups: 2)
  let bn = ["weight": "bn.g", "bias": "bn.b", "running_mean": "bn.m", "running_var": "bn.v"]
  return Model(
    name: "every_op", inputs: [.init(name: "x", shape: [2, 8, 8])], outputs: ["id", "t"],
    nodes: [
      node("c1", .conv2d(conv), ["x"], ["weight": "c1.w", "bias": "c1.b"]),
      node("bn", .batchnorm(eps: 0.001), ["c1"], bn),
      node("lr", .leakyRelu(alpha: 0.2), ["bn"]),
      node(
        "mp", .maxpool2d(Pooling2D(kernel: Pair(3, 3), stride: Pair(1, 2), padding: Pair(1, 1))),
        ["lr"]),
      node("ap", .avgpool2d(Pooling2D(kernel: Pair(2, 2), stride: Pair(1, 1))), ["mp"]),
      node("up", .upsample2d(scale: Pair(1, 2), mode: .nearest), ["ap"]),
      node("cat", .concat(axis: -3), ["up", "up"]),
      node("gap", .globalAvgpool2d, ["cat"]),
      node("s", .sigmoid, ["gap"]),
      node("th", .tanh, ["s"]),
      node("t", .relu, ["th"]),
      node("fl", .flatten, ["cat"]),
      node("rs", .reshape(shape: [-1, 16]), ["fl"]),
      node("tr", .transpose(perm: [-1, 0]), ["rs"]),
      node("mm", .matmul, ["rs", "tr"]),
      node("sm", .softmax(axis: 0), ["mm"]),
      node("d", .dense, ["sm"], ["weight": "d.w"]),
      node(
        "c1d", .conv1d(Convolution1D(padLeft: 1, dilation: 2, groups: 4)), ["d"],
        ["weight": "c1d.w"]),
      node("add", .add, ["c1d", "c1d"]),
      node("mul", .mul, ["add", "c1d"]),
      node("drop", .dropout, ["mul"]),
      node("id", .identity, ["drop"]),
    ],
    weights: [
      "c1.w": tensor([4, 1, 3, 3]), "c1.b": tensor([4]), "bn.g": tensor([4]),
      "bn.b": tensor([4]), "bn.m": tensor([4]), "bn.v": Tensor(shape: [4], repeating: 1),
      "d.w": tensor([3, 8]), "c1d.w": tensor([4, 2, 2]),
    ],
    quant: [
      "d.w": "ap_fixed<8,1,AP_RND_CONV,AP_SAT_SYM,1>", "x": "ap_ufixed<12, 4>", "mm": "ap_int<16>",
    ])
}

@Test func everyOperatorHasTheShapePyTorchGives() throws {
  let shapes = try ModelVerifier(file: "every_op.json").verify(everyOpModel())
  // conv: H (8+1+2-3)/2+1 = 5; W (8+0+1-5)/1+1 = 5 (dilated kernel 5).
  #expect(shapes["c1"] == [4, 5, 5])
  #expect(shapes["bn"] == [4, 5, 5])
  // maxpool: H (5+2-3)/1+1 = 5; W (5+2-3)/2+1 = 3.
  #expect(shapes["mp"] == [4, 5, 3])
  #expect(shapes["ap"] == [4, 4, 2])
  #expect(shapes["up"] == [4, 4, 4])
  #expect(shapes["cat"] == [8, 4, 4])
  #expect(shapes["gap"] == [8])
  #expect(shapes["t"] == [8])
  #expect(shapes["fl"] == [128])
  #expect(shapes["rs"] == [8, 16])
  #expect(shapes["tr"] == [16, 8])
  #expect(shapes["mm"] == [8, 8])
  #expect(shapes["d"] == [8, 3])
  // conv1d: L (3+1+0-3)/1+1 = 2 (dilated kernel 3).
  #expect(shapes["c1d"] == [4, 2])
  #expect(shapes["id"] == [4, 2])
}

@Test func everyOperatorRoundTripsThroughTheFiles() throws {
  let model = everyOpModel()
  let folder = try ModelFixtures.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  let url = folder.appendingPathComponent("every_op.json")
  try ModelWriter.write(model, to: url, weightsFile: "every_op.w.safetensors")
  let reread = try ModelLoader.load(contentsOf: url)
  #expect(reread == model)
  let text = try String(contentsOf: url, encoding: .utf8)
  #expect(text.contains(#""weights": "every_op.w.safetensors""#))
  let expectedLines = [
    #"{"name": "mp", "op": "maxpool2d", "inputs": ["lr"], "kernel": [3, 3], "#
      + #""stride": [1, 2], "padding": [1, 1]}"#,
    #""padding": [1, 0, 2, 1], "dilation": [1, 2], "groups": 2, "#
      + #""params": {"weight": "c1.w", "bias": "c1.b"}"#,
    #"{"name": "c1d", "op": "conv1d", "inputs": ["d"], "padding": [1, 0], "dilation": 2, "#
      + #""groups": 4"#,
    #"{"name": "gap", "op": "global_avgpool2d", "inputs": ["cat"]}"#,
  ]
  for line in expectedLines {
    #expect(text.contains(line), "\(line)")
  }
  let quant =
    #"  "quant": {"d.w": "ap_fixed<8,1,AP_RND_CONV,AP_SAT_SYM,1>", "mm": "ap_int<16>", "#
    + #""x": "ap_ufixed<12, 4>"}"#
  #expect(text.hasSuffix(quant + "\n}\n"))
}

@Test func namesWithQuotesAndUnicodeRoundTrip() throws {
  var model = everyOpModel()
  model.name = "odd \"name\" \\ ünïcødé\t"
  model.nodes[0].name = "c\"1"
  model.nodes[1].inputs = ["c\"1"]
  let folder = try ModelFixtures.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  let url = folder.appendingPathComponent("odd.json")
  try ModelWriter.write(model, to: url)
  #expect(try ModelLoader.load(contentsOf: url) == model)
}

@Test func writerRefusesAModelThatCouldNotBeReadBack() throws {
  var model = everyOpModel()
  model.nodes[2].op = .leakyRelu(alpha: .infinity)
  let folder = try ModelFixtures.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  let url = folder.appendingPathComponent("bad.json")
  #expect(
    throws: ModelError.invalidAttribute(
      file: url.path, node: "lr", op: "leaky_relu", attribute: "alpha",
      expected: "a finite number", found: "inf")
  ) {
    try ModelWriter.write(model, to: url)
  }
  #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
}
