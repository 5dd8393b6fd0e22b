import Foundation
import ModelFormat
import Reference
import Testing

@Suite struct ActivationTests {
  static let ramp = Tensor(shape: [1, 6], scalars: [-3, -0.5, 0, 0.25, 2, 40])

  @Test func reluClampsNegativesToZero() throws {
    let out = try runSingle(.relu, input: Self.ramp)
    #expect(out.scalars == [0, 0, 0, 0.25, 2, 40])
  }

  @Test func reluPropagatesNaNAsPyTorchDoes() throws {
    let out = try runSingle(.relu, input: Tensor(shape: [1, 2], scalars: [.nan, -1]))
    #expect(out.scalars[0].isNaN && out.scalars[1] == 0)
  }

  @Test func leakyReluScalesNegativesByAlpha() throws {
    let out = try runSingle(.leakyRelu(alpha: 0.1), input: Self.ramp)
    #expect(out.scalars == [-3 * Float(0.1), -0.5 * Float(0.1), 0, 0.25, 2, 40])
  }

  @Test func sigmoidMatchesItsFormulaInDouble() throws {
    let out = try runSingle(.sigmoid, input: Self.ramp)
    #expect(out.scalars[2] == 0.5)
    for (x, y) in zip(Self.ramp.scalars, out.scalars) {
      let expected = Float(1 / (1 + Foundation.exp(-Double(x))))
      #expect(isClose(y, expected, relative: 1e-6, absolute: 0), "sigmoid(\(x))")
    }
    let extremes = try runSingle(.sigmoid, input: Tensor(shape: [1, 2], scalars: [-200, 200]))
    #expect(extremes.scalars == [0, 1])
  }

  @Test func tanhMatchesItsFormulaInDouble() throws {
    let out = try runSingle(.tanh, input: Self.ramp)
    for (x, y) in zip(Self.ramp.scalars, out.scalars) {
      #expect(isClose(y, Float(Foundation.tanh(Double(x))), relative: 1e-6, absolute: 0))
    }
  }

  @Test func softmaxByHand() throws {
    // e^0 : e^ln3 = 1 : 3.
    let out = try runSingle(
      .softmax(axis: -1), input: Tensor(shape: [1, 2], scalars: [0, Float(Foundation.log(3.0))]))
    #expect(isClose(out.scalars[0], 0.25) && isClose(out.scalars[1], 0.75), "\(out.scalars)")
  }

  @Test func softmaxSubtractsTheMaximum() throws {
    // Without the shift e^1000 overflows to ∞ and the result is NaN.
    let out = try runSingle(
      .softmax(axis: 0), input: Tensor(shape: [1, 3], scalars: [1000, 1000, -1000]))
    #expect(out.scalars == [0.5, 0.5, 0])
  }

  @Test(arguments: [(0, -3), (1, -2), (2, -1)])
  func softmaxNegativeAxesCountFromTheEnd(axis: Int, negative: Int) throws {
    var random = SplitMix(seed: 11)
    let x = random.tensor([2, 3, 4, 5])
    let positive = try runSingle(.softmax(axis: axis), input: x)
    let fromEnd = try runSingle(.softmax(axis: negative), input: x)
    #expect(positive == fromEnd)
    // Along the axis the probabilities sum to one; check against a direct computation.
    let shape = [2, 3, 4, 5]
    let strides = [60, 20, 5, 1]
    let axisIndex = axis + 1
    for flat in 0..<x.count where (flat / strides[axisIndex]) % shape[axisIndex] == 0 {
      let indices = (0..<shape[axisIndex]).map { flat + $0 * strides[axisIndex] }
      let exps = indices.map { Foundation.exp(Double(x.scalars[$0])) }
      let sum = exps.reduce(0, +)
      for (i, e) in zip(indices, exps) {
        #expect(isClose(positive.scalars[i], Float(e / sum)), "axis \(axis) index \(i)")
      }
    }
  }

  @Test func batchnormByHand() throws {
    // eps 0: channel 0 has mean 1, var 4, weight 2, bias 1 → (x − 1) / 2 · 2 + 1 = x;
    // channel 1 has mean 0, var 0.25, weight 1, bias 0 → 2x.
    let params = [
      "weight": Tensor(shape: [2], scalars: [2, 1]),
      "bias": Tensor(shape: [2], scalars: [1, 0]),
      "running_mean": Tensor(shape: [2], scalars: [1, 0]),
      "running_var": Tensor(shape: [2], scalars: [4, 0.25]),
    ]
    let x = Tensor(shape: [2, 2, 2], scalars: [1, 2, 3, 4, 5, 6, 7, 8])
    let out = try runSingle(.batchnorm(eps: 0), input: x, params: params)
    #expect(out.scalars == [1, 2, 6, 8, 5, 6, 14, 16])
  }

  @Test func batchnormMatchesItsFormulaOnFeatureMaps() throws {
    var random = SplitMix(seed: 5)
    let x = random.tensor([3, 4, 2, 3])
    let weight = random.tensor([4])
    let bias = random.tensor([4])
    let mean = random.tensor([4])
    let variance = Tensor(shape: [4], scalars: random.tensor([4]).scalars.map { abs($0) + 0.1 })
    let out = try runSingle(
      .batchnorm(eps: 1e-3), input: x,
      params: ["weight": weight, "bias": bias, "running_mean": mean, "running_var": variance])
    for i in 0..<x.count {
      let c = (i / 6) % 4
      let expected =
        (Double(x.scalars[i]) - Double(mean.scalars[c]))
        / (Double(variance.scalars[c]) + 1e-3).squareRoot() * Double(weight.scalars[c])
        + Double(bias.scalars[c])
      #expect(isClose(out.scalars[i], Float(expected)), "index \(i)")
    }
  }
}
