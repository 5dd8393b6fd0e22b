import FixedIR
import FixedPoint
import ModelFormat
import Testing

@Suite("FixedProgram text form")
struct FixedProgramTextTests {
  /// The checksums are FNV-1a over the raws' little-endian bytes, computed independently
  /// (Python's struct.pack('<q')): [1] → 3e801244, [1, -2, 3, -4] → 26d5a835, 64 × [3] →
  /// 5f9ae9c5, [0, 512, 1023] → e51484e1.
  @Test("one line per input, constant and op, with every format and attribute")
  func program() throws {
    #expect(
      try soundProgram().textForm == """
        program tiny
        %x : ap_fixed<16,6>[16] = input
        @alpha : ap_fixed<8,1>[] = constant #3e801244
        @fc1.bias : ap_fixed<8,1>[4] = constant #26d5a835
        @fc1.weight : ap_fixed<8,1>[4,16] = constant #5f9ae9c5
        %fc1 : ap_fixed<16,6>[4] = dense(%x) weight=@fc1.weight bias=@fc1.bias \
        acc=ap_fixed<28,10> act=leaky_relu(@alpha)
        %sig : ap_fixed<16,6>[4] = table.sigmoid(%fc1) \
        table={sigmoid ap_fixed<16,6>[3] shift=4 offset=512 #e51484e1}
        %grid : ap_fixed<16,6>[2,2] = reshape(%sig)
        return %grid

        """)
  }

  @Test("the text is deterministic and changes when a constant's values change")
  func deterministic() throws {
    var program = try soundProgram()
    let before = program.textForm
    #expect(FixedProgram(
      name: program.name, inputs: program.inputs,
      constants: Dictionary(uniqueKeysWithValues: program.constants.reversed()),
      ops: program.ops, outputs: program.outputs).textForm == before)
    program.constants["fc1.bias"]?.raw[0] = 2
    #expect(program.textForm != before)
  }

  static func kinds() throws -> [(FixedOpKind, String)] {
    let q = try FixedFormat(parsing: "ap_fixed<16,6,AP_RND,AP_SAT>")
    let table = LookupTable(function: .exp, shift: -1, offset: 7, format: q, entries: [])
    return [
      (.conv1d(Convolution1D(stride: 2, padLeft: 1, padRight: 0, dilation: 3, groups: 1), weight: "w", bias: nil, accumulator: q, activation: .relu),
       "stride=2 padding=[1,0] dilation=3 groups=1 weight=@w acc=ap_fixed<16,6,AP_RND,AP_SAT> act=relu"),
      (.conv2d(Convolution2D(stride: Pair(1, 2), padding: Padding2D(1, 2, 3, 4), dilation: Pair(2, 1), groups: 4), weight: "w", bias: "b", accumulator: q, activation: .none),
       "stride=[1,2] padding=[1,2,3,4] dilation=[2,1] groups=4 weight=@w bias=@b acc=ap_fixed<16,6,AP_RND,AP_SAT> act=none"),
      (.matmul(accumulator: q), "acc=ap_fixed<16,6,AP_RND,AP_SAT>"),
      (.softmax(axis: 1, exp: table, sum: q, reciprocal: table),
       "axis=1 exp={exp ap_fixed<16,6,AP_RND,AP_SAT>[0] shift=-1 offset=7 #811c9dc5} sum=ap_fixed<16,6,AP_RND,AP_SAT> reciprocal={exp ap_fixed<16,6,AP_RND,AP_SAT>[0] shift=-1 offset=7 #811c9dc5}"),
      (.affine(scale: "s", shift: "t"), "scale=@s shift=@t"),
      (.maxpool2d(Pooling2D(kernel: Pair(2, 3))), "kernel=[2,3] stride=[2,3] padding=[0,0]"),
      (.avgpool2d(Pooling2D(kernel: Pair(2, 2), stride: Pair(1, 1), padding: Pair(1, 0)), reciprocal: "k"),
       "kernel=[2,2] stride=[1,1] padding=[1,0] reciprocal=@k"),
      (.globalAvgpool2d(reciprocal: "k"), "reciprocal=@k"),
      (.transpose(perm: [2, 0, 1]), "perm=[2,0,1]"),
      (.upsample2d(scale: Pair(2, 3)), "scale=[2,3]"),
      (.concat(axis: 0), "axis=0"),
      (.leakyRelu(alpha: "a"), "alpha=@a"),
      (.relu, ""), (.add, ""), (.mul, ""), (.cast, ""), (.reshape, ""),
    ]
  }

  @Test("every op kind prints its attributes in a fixed order")
  func attributes() throws {
    for (kind, expected) in try Self.kinds() {
      #expect(kind.attributeText.joined(separator: " ") == expected, "\(kind.name)")
    }
  }
}
