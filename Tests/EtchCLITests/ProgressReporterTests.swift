import EtchCLI
import Testing

/// Progress is drawn on a terminal only, and erased when done.
@Suite struct ProgressReporterTests {
  @Test func drawsAndErasesOneLineOnATerminal() {
    let terminal = TextOutput.capturing(isTerminal: true)
    let progress = ProgressReporter(
      label: "validating", total: 4, output: terminal, isEnabled: true, interval: .zero)
    progress.advance()
    progress.advance(by: 3)
    progress.finish()
    progress.advance()
    let clear = "\r\u{1B}[2K"
    #expect(
      terminal.text == clear + "validating 25% (1/4)" + clear + "validating 100% (4/4)" + clear)
  }

  @Test func limitsRedrawsToOnePerInterval() {
    let terminal = TextOutput.capturing(isTerminal: true)
    let progress = ProgressReporter(
      label: "frames", total: 1_000, output: terminal, isEnabled: true, interval: .seconds(3600))
    for _ in 0..<1_000 { progress.advance() }
    // The first step draws, then nothing until the last step completes the work.
    #expect(terminal.text == "\r\u{1B}[2Kframes 0% (1/1000)\r\u{1B}[2Kframes 100% (1000/1000)")
  }

  @Test func staysSilentInPipesAndJSONMode() {
    let pipe = TextOutput.capturing(isTerminal: false)
    let terminal = TextOutput.capturing(isTerminal: true)
    let contexts = [
      CommandContext(stdout: pipe, stderr: pipe, isJSON: false),
      CommandContext(stdout: terminal, stderr: terminal, isJSON: true),
    ]
    for context in contexts {
      let progress = context.progress("work", total: 2)
      #expect(!progress.isEnabled)
      progress.advance(by: 2)
      progress.finish()
    }
    #expect(pipe.text.isEmpty && terminal.text.isEmpty)
    #expect(
      CommandContext(stdout: pipe, stderr: terminal, isJSON: false).progress(
        "work", total: 1
      ).isEnabled)
  }
}
