import Compiler
import Compression
import FixedPoint
import Foundation
import ModelFormat
import Targets

extension CompressionOptions {
  /// `--prune` with frames: the sweep (with `--prune-tolerance`) and the per-layer report.
  func runPrune(
    _ spec: PruneSpec, evaluator: Evaluator, options: inout FixedRunOptions,
    outcome: inout Outcome
  ) throws {
    var chosen: PruneSpec? = spec
    if let pruneTolerance {
      let sweep = try PruneSweep.run(
        spec: spec, tolerance: pruneTolerance, evaluator: evaluator,
        config: Self.with(nil, options.config))
      var table = TextTable(columns: ["prune", "sparsity", metric.description, "DSP", "LUT", ""])
      for point in sweep.points {
        table.append([
          point.spec.description, Self.percent(point.sparsity), Self.number(point.metric),
          String(point.resources.dsp), String(point.resources.lut),
          point.isWithin ? "within" : "exceeds \(Self.number(pruneTolerance))",
        ])
      }
      outcome.lines += [
        "", "pruning sweep (tolerance \(Self.number(pruneTolerance))):", table.rendered(),
      ]
      outcome.json["sweep"] = .array(
        sweep.points.map {
          [
            "prune": .string($0.spec.description), "sparsity": .double($0.sparsity),
            "metric": .double($0.metric), "dsp": .int($0.resources.dsp),
            "lut": .int($0.resources.lut), "within": .bool($0.isWithin),
          ]
        })
      chosen = sweep.chosen
      options.config = Self.with(chosen, options.config)
      outcome.json["prune"] = chosen.map { .string($0.description) } ?? nil
      guard chosen != nil else {
        outcome.lines.append("no pruning stays within the tolerance: compiled without pruning")
        return
      }
      outcome.lines.append("kept \(chosen?.description ?? "")")
    }
    guard let chosen else { return }
    let report = try PruneReport(evaluator: evaluator, config: options.config, spec: chosen)
    var table = TextTable(columns: [
      "layer", "sparsity", "channels", "mults removed", "DSP saved", "LUT saved",
      "\(metric.description) alone",
    ])
    for layer in report.layers {
      table.append([
        layer.name, Self.percent(layer.sparsity),
        "\(layer.channels.after)/\(layer.channels.before)",
        String(layer.multipliersRemoved), String(layer.dspSaved), String(layer.lutSaved),
        layer.metricAlone.map(Self.number) ?? "",
      ])
    }
    outcome.lines += [
      "", "pruning \(chosen) (\(Self.percent(report.sparsity)) of dense and conv weights zero):",
      table.rendered(),
      "\(metric.description): \(Self.number(report.metric.unpruned)) unpruned, "
        + "\(Self.number(report.metric.pruned)) pruned; estimated DSP "
        + "\(report.resources.unpruned.dsp) -> \(report.resources.pruned.dsp), LUT "
        + "\(report.resources.unpruned.lut) -> \(report.resources.pruned.lut) (\(target), unrolled)",
    ]
    outcome.json["prune"] = .string(chosen.description)
    outcome.json["sparsity"] = .double(report.sparsity)
    outcome.json["metric_unpruned"] = .double(report.metric.unpruned)
    outcome.json["metric_pruned"] = .double(report.metric.pruned)
    outcome.json["layers"] = .array(
      report.layers.map {
        [
          "name": .string($0.name), "sparsity": .double($0.sparsity),
          "channels": .int($0.channels.after), "channels_before": .int($0.channels.before),
          "multipliers_removed": .int($0.multipliersRemoved), "dsp_saved": .int($0.dspSaved),
          "lut_saved": .int($0.lutSaved),
          "metric_alone": $0.metricAlone.map(JSONValue.double) ?? nil,
        ]
      })
  }

  /// `--precision auto`: the search, its config file, and the comparison with uniform 16 bits.
  func runSearch(
    evaluator: Evaluator, calibration: [Tensor], model: Model,
    options: inout FixedRunOptions, outcome: inout Outcome
  ) throws {
    guard let tolerance else { return }
    let n = evaluator.frameCount
    let kept = min(max(Int((Double(n) * heldOut).rounded()), 1), max(n - 1, 1))
    let search = try evaluator.subset(0..<max(n - kept, 1))
    let held = try evaluator.subset(max(n - kept, 0)..<n)
    let started = ContinuousClock.now
    var result = try PrecisionSearch(
      bound: tolerance, search: search, heldOut: held, calibration: calibration,
      prune: options.config?.prune
    ).run()
    let seconds = (ContinuousClock.now - started) / .seconds(1)
    let path = writeConfig ?? "\(model.name).auto.json"
    result.config.file = path
    do {
      try Data(result.config.jsonText.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
      throw CompressionError.cannotWriteConfig(path: path, reason: error.localizedDescription)
    }
    var uniform = PrecisionConfig(
      file: "uniform", precision: .uniform(try FixedFormat(parsing: "ap_fixed<16,6>")))
    uniform.prune = options.config?.prune
    var calibrated = PrecisionConfig(file: "calibrated", precision: .calibrated)
    calibrated.prune = options.config?.prune
    var rows: [(String, ProgramBits, ResourceUsage, Double)] = []
    for (name, config) in [("uniform ap_fixed<16,6>", uniform), ("calibrated 16-bit", calibrated)] {
      let program = try held.compile(config: config).program
      rows.append(
        (name, ProgramBits(program), try held.cost(program).resources, try held.measure(program)))
    }
    rows.append(
      (
        "auto", ProgramBits(result.program), try held.cost(result.program).resources,
        result.heldOutMetric
      ))
    var table = TextTable(columns: [
      "precision", "weight bits", "activation bits", "total bits", "DSP", "LUT",
      "held-out \(metric.description)",
    ])
    for (name, bits, resources, value) in rows {
      table.append([
        name, TextTable.grouped(bits.weights), TextTable.grouped(bits.activations),
        TextTable.grouped(bits.total), String(resources.dsp), String(resources.lut),
        Self.number(value),
      ])
    }
    let saving = 1 - Double(rows[2].1.total) / Double(max(rows[0].1.total, 1))
    outcome.lines += [
      "",
      "precision search: \(result.evaluations) candidates in \(Self.number(seconds)) s on "
        + "\(search.frameCount) frames, margin \(Self.number(result.margin)); held-out "
        + "(\(held.frameCount) frames) \(metric.description) \(Self.number(result.heldOutMetric)) "
        + (result.meetsBound ? "meets" : "MISSES") + " the bound \(Self.number(tolerance))",
      table.rendered(),
      "total bits \(Self.percent(saving)) fewer than uniform ap_fixed<16,6>; wrote \(path) "
        + "(etch compile --config \(path) with the same --calibration reproduces it)",
    ]
    outcome.json["auto"] = [
      "config": .string(path), "evaluations": .int(result.evaluations),
      "seconds": .double(seconds), "margin": .double(result.margin),
      "search_metric": .double(result.searchMetric),
      "held_out_metric": .double(result.heldOutMetric),
      "meets_bound": .bool(result.meetsBound), "bound": .double(tolerance),
      "bits_saved_vs_uniform": .double(saving),
      "rows": .array(
        rows.map { name, bits, resources, value in
          [
            "precision": .string(name), "weight_bits": .int(bits.weights),
            "activation_bits": .int(bits.activations), "total_bits": .int(bits.total),
            "dsp": .int(resources.dsp), "lut": .int(resources.lut),
            "held_out_metric": .double(value),
          ]
        }),
    ]
    options.config = result.config
  }

  static func percent(_ x: Double) -> String { String(format: "%.1f%%", x * 100) }

  static func number(_ x: Double) -> String { String(format: "%.4g", x) }
}
