import Synchronization

/// A single progress line on stderr for long work (calibration, validation, benchmarks),
/// redrawn in place and erased when done.
///
/// It draws only when stderr is a terminal and the command is not in `--json` mode, so
/// pipes, CI logs and scripts never see carriage returns. Redraws are limited to one per
/// `interval`, so reporting every frame costs almost nothing; any thread may report.
///
/// ```swift
/// let progress = context.progress("validating", total: frames.count)
/// for frame in frames { ...; progress.advance() }
/// progress.finish()
/// ```
public final class ProgressReporter: Sendable {
  private struct State {
    var completed = 0
    var lastDraw: ContinuousClock.Instant?
    var isFinished = false
  }

  /// What is being done, shown before the count: `validating`.
  public let label: String
  /// The number of steps in all.
  public let total: Int
  /// Whether anything is drawn at all.
  public let isEnabled: Bool
  private let output: TextOutput
  private let interval: Duration
  private let state = Mutex(State())

  /// Creates a reporter that draws on `output` if `isEnabled`, at most once per `interval`.
  public init(
    label: String, total: Int, output: TextOutput, isEnabled: Bool,
    interval: Duration = .milliseconds(100)
  ) {
    self.label = label
    self.total = total
    self.output = output
    self.isEnabled = isEnabled
    self.interval = interval
  }

  /// Records `steps` more completed steps and redraws if the interval has passed.
  public func advance(by steps: Int = 1) {
    guard isEnabled else { return }
    state.withLock { state in
      guard !state.isFinished else { return }
      state.completed += steps
      let now = ContinuousClock.now
      if let last = state.lastDraw, now - last < interval, state.completed < total { return }
      state.lastDraw = now
      output.write("\r\u{1B}[2K" + line(completed: state.completed))
    }
  }

  /// Erases the progress line; later calls to `advance` draw nothing.
  public func finish() {
    guard isEnabled else { return }
    state.withLock { state in
      guard !state.isFinished else { return }
      state.isFinished = true
      if state.lastDraw != nil { output.write("\r\u{1B}[2K") }
    }
  }

  /// The text of the line: `validating  42% (420/1000)`.
  func line(completed: Int) -> String {
    let shown = min(completed, total)
    let percent = total > 0 ? shown * 100 / total : 100
    return "\(label) \(percent)% (\(shown)/\(total))"
  }
}
