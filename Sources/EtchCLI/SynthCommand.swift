import Foundation
import ModelFormat
import Synth

/// `etch synth KIND --out DIR`: seeded synthetic data sets with their labels, as `.npy`
/// files, for training, calibrating, validating and benchmarking.
///
/// Three kinds: BraggNN's pseudo-Voigt peak patches with their true centres; 4D-STEM scans
/// of a strained crystal with the strain and rotation per frame; and frames of the five 2D
/// Bravais lattices with their class. The same seed gives the same bytes on every machine
/// (the generator is Synth's own SplitMix64), and item `i` depends only on the seed and `i`.
///
/// ```
/// $ etch synth stem --count 1024 --seed 1 --out data/stem
/// synth stem: 1,024 frames of 64×64 pixels, seed 1, dose 10000 electrons per frame
/// ...
/// ```
struct SynthCommand: Command {
  /// What to generate.
  enum Kind: String, CaseIterable, ArgumentValue {
    /// Bragg-peak patches.
    case bragg
    /// 4D-STEM strain scans.
    case stem
    /// Bravais-lattice frames.
    case lattice
  }

  let spec = CommandSpec(
    name: "synth",
    summary: "Generate a seeded synthetic data set with labels: Bragg peaks, 4D-STEM or lattices.",
    discussion: """
      bragg: SIZE×SIZE patches (default 11) of a 2D pseudo-Voigt peak (centre uniform \
      within ±1.5 px of the middle, Gaussian σ and Lorentzian γ 0.5-1.5 px per axis, \
      Lorentzian fraction 0-0.7, flat background up to 10% of the peak), Poisson noise at \
      the dose (expected counts per patch, default 1000), min-max scaled to [0, 1] as \
      BraggNN expects. Writes patches.npy [N, 1, S, S] and centres.npy [N, 2] (row, column \
      in pixels; pixel (r, c) is centred at (r, c)).

      stem: 4D-STEM diffraction frames (default 64×64; 128 works too) of a square crystal \
      (first-order disks 10 px apart per 64 px of frame, probe radius 3 px per 64) seen \
      down the zone axis: a disk at every reciprocal-lattice point, amplitude falling as \
      exp(-|g|²/(2(S/4)²)), the direct beam 1.5 times brighter, a 2% diffuse background, \
      optionally a beam stop. Frames come in scans of WIDTH×WIDTH positions (--scan, \
      default 16) over which exx, eyy, exy (|e| <= --max-strain, default 0.03) and the \
      rotation theta (|theta| <= --max-rotation radians, default 0.05) vary smoothly. \
      Poisson noise at the dose (electrons per frame, default 10000); each frame divided \
      by its maximum. Writes frames.npy [N, 1, S, S], labels.npy [N, 4] (exx, eyy, exy, \
      theta) and positions.npy [N, 3] (scan, row, column).

      lattice: frames like stem's of a crystal of a random 2D Bravais class (0 oblique, \
      1 rectangular, 2 centred-rectangular, 3 square, 4 hexagonal), random orientation, \
      lattice constant, probe radius and strain (|e| <= --max-strain, default 0.02), at \
      a dose drawn per frame (default 100:10000). Writes frames.npy [N, 1, S, S] and \
      labels.npy [N] (int64 class index).

      --dose takes one number or LO:HI, drawn per frame evenly over decades. docs/synth.md \
      describes every distribution and convention.
      """,
    arguments: [
      ArgumentSpec("KIND", help: "What to generate: bragg, stem or lattice.")
    ],
    options: [
      .value(
        "out", short: "o", valueName: "DIR", isRequired: true,
        help: "The folder to write the .npy files into (created if missing)."),
      .value("count", short: "n", valueName: "N", defaultValue: "1000", help: "Items to generate."),
      .value("seed", valueName: "S", defaultValue: "0", help: "The seed (a non-negative integer)."),
      .value(
        "dose", valueName: "D",
        help: "Counts per item, or LO:HI drawn per item (defaults: "
          + "bragg 1000, stem 10000, lattice 100:10000)."),
      .flag("no-noise", help: "Write noiseless items (no Poisson noise)."),
      .value("size", valueName: "PIXELS", help: "The side of a patch or frame (default 11 or 64)."),
      .value(
        "scan", valueName: "WIDTH", help: "stem: probe positions per scan side (default 16)."),
      .value(
        "max-strain", valueName: "E",
        help: "stem, lattice: the bound on |exx|, |eyy|, |exy| (default 0.03, 0.02)."),
      .value(
        "max-rotation", valueName: "RAD",
        help: "stem: the bound on |theta| in radians (default 0.05)."),
      .flag("beam-stop", help: "stem, lattice: hide the direct beam behind a beam stop."),
    ],
    examples: [
      CommandExample(
        "etch synth bragg --count 2000 --seed 1 --out data/bragg",
        "BraggNN patches and their true centres."),
      CommandExample(
        "etch synth stem --size 128 --scan 32 --count 1024 --dose 1000 --out data/stem",
        "One 32×32 scan of 128×128 frames at 1,000 electrons per frame."),
      CommandExample(
        "etch synth lattice --count 5000 --out data/lattice --json",
        "Bravais-lattice frames and classes; prints the files as JSON."),
    ])

  func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
    guard let kind = try arguments.argument("KIND", as: Kind.self) else {
      throw UsageError.missingArgument("KIND")
    }
    let folder = try arguments.requiredValue("out")
    let count = try arguments.value("count", as: Int.self) ?? 1000
    guard (1...100_000_000).contains(count) else {
      throw UsageError.invalid("--count \(count) is out of range; expected 1 to 100000000")
    }
    let seed = try arguments.value("seed", as: Int.self) ?? 0
    guard seed >= 0 else {
      throw UsageError.invalid("--seed \(seed) is negative; expected a non-negative integer")
    }
    try Self.checkApplicable(arguments, kind: kind)
    let dose = try Self.dose(arguments, kind: kind)
    let plan = try Plan(kind, arguments: arguments, seed: UInt64(seed), dose: dose)
    do {
      try FileManager.default.createDirectory(
        atPath: folder, withIntermediateDirectories: true)
    } catch {
      throw SynthCommandError.cannotCreateFolder(path: folder, reason: error.localizedDescription)
    }

    let clock = ContinuousClock()
    let start = clock.now
    let files = try plan.write(count: count, to: folder)
    let (size, details) = (plan.size, plan.details)
    let elapsed = clock.now - start
    let seconds =
      Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    let doseText =
      dose.map { "dose \($0) " + (kind == .bragg ? "counts" : "electrons") }
      ?? "noiseless"
    let noun = kind == .bragg ? "patches" : "frames"
    var summary =
      "synth \(kind.rawValue): \(TextTable.grouped(count)) \(noun) of \(size)×\(size) pixels, "
      + "seed \(seed), \(doseText)\(details.text.isEmpty ? "" : ", " + details.text)\n"
    for file in files {
      summary += "wrote \(file.path) \(ShapeText.text(file.shape)) \(file.dtype.numpyName)\n"
    }
    summary += String(format: "in %.2f s\n", seconds)
    context.report(
      summary: summary,
      json: .object(
        [
          "kind": .string(kind.rawValue), "seed": .int(seed), "count": .int(count),
          "size": .int(size), "dose": dose.map { .string($0.description) } ?? .null,
          "seconds": .double(seconds),
          "files": .array(
            files.map { file in
              .object([
                "name": .string(file.name), "path": .string(file.path),
                "shape": .array(file.shape.map { .int($0) }),
                "dtype": .string(file.dtype.numpyName),
              ])
            }),
        ].merging(details.json) { first, _ in first }))
    return .success
  }

  /// A configured generator: built (and its parameters checked) before anything is
  /// written, so a bad parameter leaves no folder behind.
  private enum Plan {
    case bragg(BraggPeakGenerator)
    case stem(StemScanGenerator)
    case lattice(LatticeGenerator)

    init(_ kind: Kind, arguments: ParsedArguments, seed: UInt64, dose: Dose?) throws {
      let beamStop = arguments.flag("beam-stop")
      do {
        switch kind {
        case .bragg:
          self = .bragg(
            try BraggPeakGenerator(
              seed: seed, size: try arguments.value("size", as: Int.self) ?? 11, dose: dose))
        case .stem:
          self = .stem(
            try StemScanGenerator(
              seed: seed, size: try arguments.value("size", as: Int.self) ?? 64, dose: dose,
              scanWidth: try arguments.value("scan", as: Int.self) ?? 16,
              maximumStrain: try arguments.value("max-strain", as: Double.self) ?? 0.03,
              maximumRotation: try arguments.value("max-rotation", as: Double.self) ?? 0.05,
              beamStop: beamStop))
        case .lattice:
          self = .lattice(
            try LatticeGenerator(
              seed: seed, size: try arguments.value("size", as: Int.self) ?? 64, dose: dose,
              maximumStrain: try arguments.value("max-strain", as: Double.self) ?? 0.02,
              beamStop: beamStop))
        }
      } catch let error as SynthError {
        throw UsageError.invalid(error.description)
      }
    }

    /// The side of a patch or frame.
    var size: Int {
      switch self {
      case .bragg(let generator): generator.size
      case .stem(let generator): generator.size
      case .lattice(let generator): generator.size
      }
    }

    /// The kind's own parameters, for the summary and the JSON object.
    var details: (text: String, json: [String: JSONValue]) {
      switch self {
      case .bragg:
        return ("", [:])
      case .stem(let g):
        let beamStop = g.beamStop > 0
        return (
          "scans of \(g.scanWidth)×\(g.scanWidth), |e| <= \(g.maximumStrain), "
            + "|theta| <= \(g.maximumRotation) rad" + (beamStop ? ", beam stop" : ""),
          [
            "scan": .int(g.scanWidth), "max_strain": .double(g.maximumStrain),
            "max_rotation": .double(g.maximumRotation), "beam_stop": .bool(beamStop),
          ]
        )
      case .lattice(let g):
        return (
          "|e| <= \(g.maximumStrain)" + (g.beamStop ? ", beam stop" : ""),
          [
            "max_strain": .double(g.maximumStrain), "beam_stop": .bool(g.beamStop),
            "classes": .array(BravaisLattice.allCases.map { .string($0.rawValue) }),
          ]
        )
      }
    }

    /// Generates `count` items into `folder`.
    func write(count: Int, to folder: String) throws -> [DataSetWriter.File] {
      switch self {
      case .bragg(let generator): try DataSetWriter.write(generator, count: count, to: folder)
      case .stem(let generator): try DataSetWriter.write(generator, count: count, to: folder)
      case .lattice(let generator): try DataSetWriter.write(generator, count: count, to: folder)
      }
    }
  }

  /// The dose: none with `--no-noise`, else `--dose`, else the kind's default.
  private static func dose(_ arguments: ParsedArguments, kind: Kind) throws -> Dose? {
    let text = arguments.value("dose")
    if arguments.flag("no-noise") {
      guard text == nil else {
        throw UsageError.invalid("--dose and --no-noise exclude each other")
      }
      return nil
    }
    guard let text else {
      switch kind {
      case .bragg: return .fixed(1000)
      case .stem: return .fixed(10_000)
      case .lattice: return .logUniform(100...10_000)
      }
    }
    guard let dose = Dose(text: text) else {
      throw UsageError.invalidValue(
        name: "--dose", value: text,
        expected: "a positive number, or LO:HI with 0 < LO < HI", suggestion: nil)
    }
    return dose
  }

  /// Refuses options that the kind does not take, rather than ignoring them.
  private static func checkApplicable(_ arguments: ParsedArguments, kind: Kind) throws {
    let takes: [String: Set<Kind>] = [
      "scan": [.stem], "max-rotation": [.stem], "max-strain": [.stem, .lattice],
      "beam-stop": [.stem, .lattice],
    ]
    for (option, kinds) in takes.sorted(by: { $0.key < $1.key }) where !kinds.contains(kind) {
      let given =
        arguments.spec.option(named: option)?.isFlag == true
        ? arguments.flag(option) : arguments.value(option) != nil
      if given {
        let names = kinds.map(\.rawValue).sorted().joined(separator: " and ")
        throw UsageError.invalid("--\(option) applies to \(names) only, not \(kind.rawValue)")
      }
    }
  }
}
