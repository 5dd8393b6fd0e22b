import Foundation
import Targets
import TestSupport
import Testing

/// The catalogue under `targets/` at the repository root.
func repositoryCatalog() throws -> TargetCatalog {
  try TargetCatalog(directory: SharedData.repositoryRoot.appendingPathComponent("targets"))
}

@Suite struct CatalogTests {
  @Test func listsTheRequiredPartsAndDetectors() throws {
    let catalog = try repositoryCatalog()
    for name in ["xcvu9p", "xcu250", "xcu280", "xczu9eg", "xcku115", "xc7z020", "xcvc1902"] {
      #expect(catalog.partNames.contains(name), "missing part \(name)")
    }
    for name in ["4d-camera", "empad", "empad-g2", "arina", "merlin", "hedm-ff", "xspa-500k"] {
      #expect(catalog.detectorNames.contains(name), "missing detector \(name)")
    }
    #expect(
      catalog.families.keys.sorted() == ["7-series", "ultrascale", "ultrascale-plus", "versal"])
  }

  @Test func everyPartLoadsWithPositiveNumbers() throws {
    let catalog = try repositoryCatalog()
    for name in catalog.partNames {
      let part = try catalog.part(named: name)
      #expect(part.name == name)
      #expect(part.resources.lut > 0 && part.resources.ff > 0, "\(name)")
      #expect(part.resources.dsp > 0 && part.resources.bram18 > 0, "\(name)")
      #expect(part.resources.uram >= 0 && part.clockMHz > 0, "\(name)")
      #expect(part.partString.hasPrefix(name), "\(name): part string \(part.partString)")
      #expect(!part.source.isEmpty, "\(name)")
    }
  }

  @Test func knownDataSheetNumbers() throws {
    let catalog = try repositoryCatalog()
    let vu9p = try catalog.part(named: "xcvu9p")
    #expect(
      vu9p.resources
        == ResourceUsage(
          dsp: 6840, lut: 1_182_240, ff: 2_364_480, bram18: 4320, uram: 960))
    #expect(vu9p.family.dspName == "DSP48E2" && vu9p.family.dspABits == 27)
    let z020 = try catalog.part(named: "xc7z020")
    #expect(z020.resources.dsp == 220 && z020.family.dspABits == 25)
    #expect(try catalog.part(named: "xcvc1902").family.dspBBits == 24)
  }

  @Test func everyDetectorBudgetIsItsFramePeriod() throws {
    let catalog = try repositoryCatalog()
    for name in catalog.detectorNames {
      let d = try catalog.detector(named: name)
      #expect(d.name == name)
      #expect(d.frameHeight > 0 && d.frameWidth > 0 && d.inferencesPerFrame > 0, "\(name)")
      let period = 1e6 / d.frameRateHz
      #expect(abs(d.budgetMicroseconds - period) <= 0.001 * period, "\(name): \(period)")
    }
    let camera = try catalog.detector(named: "4d-camera")
    #expect(camera.frameHeight == 576 && camera.frameRateHz == 87000)
    #expect((camera.budgetMicroseconds * 10).rounded() == 115)
    let hedm = try catalog.detector(named: "hedm-ff")
    #expect(hedm.inferencesPerFrame == 50 && hedm.budgetPerInferenceMicroseconds == 2000)
    #expect(try catalog.detector(named: "arina").vendorClaims.contains("frame_rate_hz"))
  }

  /// The detectors the budget issue lists, with its numbers; rates from a vendor's product
  /// information are marked as vendor claims.
  @Test func detectorsHaveTheListedNumbers() throws {
    let catalog = try repositoryCatalog()
    let expected: [(String, Int, Int, Double)] = [
      ("4d-camera", 576, 576, 87_000), ("empad", 128, 128, 1_100), ("empad-g2", 128, 128, 10_000),
      ("arina", 96, 96, 120_000), ("hedm-ff", 2048, 2048, 10), ("xspa-500k", 512, 1024, 52_000),
    ]
    for (name, height, width, rate) in expected {
      let d = try catalog.detector(named: name)
      #expect(
        d.frameHeight == height && d.frameWidth == width && d.frameRateHz == rate,
        "\(name): \(d.frameHeight)×\(d.frameWidth) at \(d.frameRateHz)")
      #expect(!d.source.isEmpty, "\(name)")
    }
    let merlin = try catalog.detector(named: "merlin")
    #expect(merlin.frameHeight == 256 && merlin.frameWidth == 256)
    for name in ["arina", "merlin", "xspa-500k"] {
      #expect(
        try catalog.detector(named: name).vendorClaims.contains("frame_rate_hz"),
        "\(name): a vendor's rate must be marked as a claim")
    }
    #expect(try catalog.detector(named: "4d-camera").vendorClaims.isEmpty)
  }

  @Test func loadsByPath() throws {
    let catalog = try repositoryCatalog()
    let path = catalog.directory.appendingPathComponent("parts/xczu9eg.json").path
    #expect(try catalog.part(named: path).resources.dsp == 2520)
  }
}
