import Foundation

/// The numbers `etch validate` judges fixed point by: signal-to-noise per node, and end to
/// end RMSE, max error, mean peak distance, argmax agreement, accuracy and macro-F1.
///
/// Each is a plain function of arrays, so a test can state it on a hand-made example.
///
/// ```swift
/// ValidationMetrics.snrDecibels(signal: [1, 2], approximation: [1, 2.5])  // 13.01
/// ValidationMetrics.macroF1(predicted: [0, 1, 1], truth: [0, 1, 0], classes: 2)  // 0.6667
/// ```
public enum ValidationMetrics {
  /// `10·log10(Σ s² / Σ (a − s)²)` in dB: how far the signal stands above the error;
  /// `+∞` when the approximation is exact, `−∞` for a zero signal with an error.
  public static func snrDecibels(signal: [Float], approximation: [Double]) -> Double {
    var power = 0.0
    var noise = 0.0
    for (s, a) in zip(signal, approximation) {
      power += Double(s) * Double(s)
      noise += (a - Double(s)) * (a - Double(s))
    }
    return snrDecibels(signalPower: power, noisePower: noise)
  }

  /// `10·log10(signalPower / noisePower)`, from sums of squares.
  public static func snrDecibels(signalPower: Double, noisePower: Double) -> Double {
    if noisePower == 0 { return signalPower == 0 ? 0 : .infinity }
    return 10 * log10(signalPower / noisePower)
  }

  /// The root mean square of `a − b` over every element.
  public static func rmse(_ a: [Double], _ b: [Double]) -> Double {
    guard !a.isEmpty else { return 0 }
    let sum = zip(a, b).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
    return (sum / Double(a.count)).squareRoot()
  }

  /// The largest `|a − b|` over every element.
  public static func maxError(_ a: [Double], _ b: [Double]) -> Double {
    zip(a, b).reduce(0.0) { max($0, ($1.0 - $1.1).magnitude) }
  }

  /// The mean over frames of the Euclidean distance between `a` and `b`, each frame
  /// `elementsPerFrame` values (a peak's (row, col) for BraggNN).
  public static func meanDistance(_ a: [Double], _ b: [Double], elementsPerFrame: Int)
    -> Double
  {
    let frames = a.count / max(elementsPerFrame, 1)
    guard frames > 0 else { return 0 }
    var total = 0.0
    for frame in 0..<frames {
      var squares = 0.0
      for i in frame * elementsPerFrame..<(frame + 1) * elementsPerFrame {
        squares += (a[i] - b[i]) * (a[i] - b[i])
      }
      total += squares.squareRoot()
    }
    return total / Double(frames)
  }

  /// Per frame, the index of the largest of `classes` values (the first on a tie).
  public static func argmax(_ values: [Double], classes: Int) -> [Int] {
    stride(from: 0, to: values.count, by: max(classes, 1)).map { start in
      var best = start
      for i in start..<min(start + classes, values.count) where values[i] > values[best] {
        best = i
      }
      return best - start
    }
  }

  /// The fraction of positions where `a` and `b` agree (argmax agreement, accuracy).
  public static func agreement(_ a: [Int], _ b: [Int]) -> Double {
    guard !a.isEmpty else { return 0 }
    return Double(zip(a, b).filter { $0 == $1 }.count) / Double(a.count)
  }

  /// The mean over the classes that occur (in `truth` or `predicted`) of each class's F1
  /// score `2·TP / (2·TP + FP + FN)`, as scikit-learn's `f1_score(average="macro")`
  /// computes it over the labels present.
  public static func macroF1(predicted: [Int], truth: [Int], classes: Int) -> Double {
    var truePositives = [Int](repeating: 0, count: classes)
    var falsePositives = truePositives
    var falseNegatives = truePositives
    for (p, t) in zip(predicted, truth) where (0..<classes).contains(p) && (0..<classes).contains(t)
    {
      if p == t {
        truePositives[p] += 1
      } else {
        falsePositives[p] += 1
        falseNegatives[t] += 1
      }
    }
    let present = (0..<classes).filter {
      truePositives[$0] + falsePositives[$0] + falseNegatives[$0] > 0
    }
    guard !present.isEmpty else { return 0 }
    let scores = present.map { c in
      Double(2 * truePositives[c])
        / Double(2 * truePositives[c] + falsePositives[c] + falseNegatives[c])
    }
    return scores.reduce(0, +) / Double(present.count)
  }
}
