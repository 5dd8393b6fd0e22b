import Foundation
import ModelFormat
import Testing

@Test func textFormPrintsEveryAttributeParamAndShape() throws {
  let model = Model(
    name: "tiny", inputs: [.init(name: "frame", shape: [2, 8, 8])], outputs: ["out"],
    nodes: [
      Node(
        name: "conv", op: .conv2d(Convolution2D(padding: Padding2D(1, 1, 1, 1))),
        inputs: ["frame"], params: ["bias": "c.b", "weight": "c.w"]),
      Node(name: "pool", op: .maxpool2d(Pooling2D(kernel: Pair(2, 2))), inputs: ["conv"]),
      Node(name: "up", op: .upsample2d(scale: Pair(2, 2), mode: .nearest), inputs: ["pool"]),
      Node(name: "cat", op: .concat(axis: 0), inputs: ["up", "conv"]),
      Node(name: "act", op: .leakyRelu(alpha: 0.01), inputs: ["cat"]),
      Node(name: "flat", op: .reshape(shape: [6, -1]), inputs: ["act"]),
      Node(name: "t", op: .transpose(perm: [1, 0]), inputs: ["flat"]),
      Node(name: "out", op: .softmax(axis: -1), inputs: ["t"]),
    ],
    weights: [
      "c.w": Tensor(shape: [3, 2, 3, 3], repeating: 0.5),
      "c.b": Tensor(shape: [3], repeating: 0),
    ],
    quant: ["c.w": "ap_fixed<8,1,AP_RND,AP_SAT>"])
  let expected = """
    model tiny
    %frame = input : [2,8,8]
    %conv = conv2d(%frame) stride=[1,1] padding=[1,1,1,1] dilation=[1,1] groups=1 \
    weight=c.w[3,2,3,3] bias=c.b[3] : [3,8,8]
    %pool = maxpool2d(%conv) kernel=[2,2] stride=[2,2] padding=[0,0] : [3,4,4]
    %up = upsample2d(%pool) scale=[2,2] mode=nearest : [3,8,8]
    %cat = concat(%up, %conv) axis=0 : [6,8,8]
    %act = leaky_relu(%cat) alpha=0.01 : [6,8,8]
    %flat = reshape(%act) shape=[6,-1] : [6,64]
    %t = transpose(%flat) perm=[1,0] : [64,6]
    %out = softmax(%t) axis=-1 : [64,6]
    quant c.w = ap_fixed<8,1,AP_RND,AP_SAT>
    return %out

    """
  #expect(model.textForm == expected)
}

@Test func textFormOfRealBraggNNStartsWithItsFirstConvolution() throws {
  let model = try ModelLoader.load(contentsOf: ModelFixtures.sharedModelURL("real/braggnn"))
  let lines = model.textForm.split(separator: "\n")
  #expect(lines.count == 1 + 1 + model.nodes.count + 1)
  #expect(lines[1] == "%patch = input : [1,11,11]")
  #expect(
    lines[2]
      == "%conv1 = conv2d(%patch) stride=[1,1] padding=[0,0,0,0] dilation=[1,1] groups=1 "
      + "weight=cnn_layers.0.weight[64,1,3,3] bias=cnn_layers.0.bias[64] : [64,9,9]")
  #expect(lines.last == "return %peak")
}

@Test func textFormOfABrokenModelStopsShapesAtTheFirstBadNode() {
  let model = Model(
    name: "broken", inputs: [.init(name: "x", shape: [4])], outputs: ["b"],
    nodes: [
      Node(name: "a", op: .relu, inputs: ["x"]),
      Node(name: "b", op: .dense, inputs: ["a"], params: ["weight": "missing"]),
    ],
    weights: [:])
  #expect(
    model.textForm == """
      model broken
      %x = input : [4]
      %a = relu(%x) : [4]
      %b = dense(%a) weight=missing[?]
      return %b

      """)
}
