import Synth
import Testing

/// Bragg-peak patches: their labels are where the peaks are.
@Suite struct BraggPeakGeneratorTests {
  /// A noiseless Gaussian peak (η = 0) sampled at pixel centres, no background: its
  /// intensity-weighted centroid is the true centre. With σ ≥ 0.6 px the sampling bias is
  /// below 1e-3 px and at most 1.5 px from the middle the tails cut by the patch's edge
  /// start 4 σ away, so 0.01 px is a generous bound.
  @Test func putsANoiselessPeaksCentroidAtItsCentre() throws {
    let generator = try BraggPeakGenerator(
      seed: 42, dose: nil, sigma: 0.6...1.0, gamma: 1...1, eta: 0...0, background: 0...0)
    for index in 0..<200 {
      let sample = generator.sample(index)
      var (total, row, column) = (0.0, 0.0, 0.0)
      for (pixel, value) in sample.patch.enumerated() {
        total += Double(value)
        row += Double(value) * Double(pixel / 11)
        column += Double(value) * Double(pixel % 11)
      }
      #expect(abs(row / total - sample.peak.row) < 0.01, "patch \(index)")
      #expect(abs(column / total - sample.peak.column) < 0.01, "patch \(index)")
    }
  }

  /// The profile falls monotonically with |Δrow| and |Δcolumn|, so the brightest pixel of a
  /// noiseless pseudo-Voigt patch is the one nearest the centre on each axis.
  @Test func putsANoiselessPeaksBrightestPixelNearestItsCentre() throws {
    let generator = try BraggPeakGenerator(seed: 9, dose: nil)
    for index in 0..<300 {
      let sample = generator.sample(index)
      let brightest = sample.patch.indices.max { sample.patch[$0] < sample.patch[$1] } ?? 0
      #expect(brightest / 11 == Int(sample.peak.row.rounded()), "patch \(index)")
      #expect(brightest % 11 == Int(sample.peak.column.rounded()), "patch \(index)")
    }
  }

  @Test func keepsCentresWithinTheOffsetAndPatchesInTheUnitRange() throws {
    let generator = try BraggPeakGenerator(seed: 1, dose: .fixed(500))
    for index in 0..<300 {
      let sample = generator.sample(index)
      #expect(abs(sample.peak.row - 5) <= 1.5 && abs(sample.peak.column - 5) <= 1.5)
      #expect(sample.patch.count == 121)
      #expect(sample.patch.min() == 0 && sample.patch.max() == 1, "patch \(index)")
      #expect(sample.dose == 500)
    }
  }

  @Test func refusesPatchesTooSmallAndOffsetsThatDoNotFit() {
    #expect(throws: SynthError.self) { try BraggPeakGenerator(seed: 0, size: 4, dose: nil) }
    #expect(throws: SynthError.self) {
      try BraggPeakGenerator(seed: 0, size: 5, dose: nil, offset: 2.5)
    }
  }
}
