import Compression
import Foundation
import Testing

/// The validation metrics on small arrays, against values computed by hand.
@Suite struct ValidationMetricsTests {
  /// Σ s² = 1 + 4 = 5, Σ e² = 0.25: 10·log10(20) = 13.0103 dB.
  @Test func snr() {
    let snr = ValidationMetrics.snrDecibels(signal: [1, 2], approximation: [1, 2.5])
    #expect(abs(snr - 13.010_299_956_639_812) < 1e-12)
    #expect(ValidationMetrics.snrDecibels(signal: [1, 2], approximation: [1, 2]) == .infinity)
  }

  /// Errors 0, 3, −4, 0: RMSE √(25/4) = 2.5, max 4; distances per 2-element frame.
  @Test func regression() {
    let a: [Double] = [0, 3, -4, 1]
    let b: [Double] = [0, 0, 0, 1]
    #expect(abs(ValidationMetrics.rmse(a, b) - (25.0 / 4).squareRoot()) < 1e-12)
    #expect(ValidationMetrics.maxError(a, b) == 4)
    // Frame 0: (0, 3) vs (0, 0) → 3; frame 1: (−4, 1) vs (0, 1) → 4; mean 3.5.
    #expect(ValidationMetrics.meanDistance(a, b, elementsPerFrame: 2) == 3.5)
    // One frame of (3, 4) from the origin: 5.
    #expect(ValidationMetrics.meanDistance([3, 4], [0, 0], elementsPerFrame: 2) == 5)
  }

  /// Predictions [0, 1, 1, 2, 2, 2] against truth [0, 1, 0, 2, 1, 2]:
  /// class 0 TP 1 FN 1 → F1 2/3; class 1 TP 1 FP 1 FN 1 → 1/2; class 2 TP 2 FP 1 → 4/5.
  /// Macro-F1 = (2/3 + 1/2 + 4/5) / 3 = 0.655556; accuracy 4/6.
  @Test func classification() {
    let predicted = [0, 1, 1, 2, 2, 2]
    let truth = [0, 1, 0, 2, 1, 2]
    let f1 = ValidationMetrics.macroF1(predicted: predicted, truth: truth, classes: 3)
    #expect(abs(f1 - (2.0 / 3 + 0.5 + 0.8) / 3) < 1e-12)
    #expect(ValidationMetrics.agreement(predicted, truth) == 4.0 / 6)
    #expect(ValidationMetrics.argmax([0.1, 0.7, 0.2, 0.5, 0.5, 0], classes: 3) == [1, 0])
  }
}
