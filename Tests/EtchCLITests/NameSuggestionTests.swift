import EtchCLI
import Testing

/// "Did you mean" suggests near misses and nothing else.
@Suite struct NameSuggestionTests {
  @Test(arguments: [
    ("", "abc", 3), ("abc", "", 3), ("kitten", "sitting", 3), ("input", "inptu", 1),
    ("inspect", "inpsect", 1), ("ca", "abc", 3), ("same", "same", 0), ("flaw", "lawn", 2),
  ])
  func countsEditsWithSwapsAsOne(source: String, target: String, distance: Int) {
    #expect(NameSuggestion.editDistance(Array(source), Array(target)) == distance)
  }

  @Test func suggestsOnlyPlausibleNames() {
    let options = ["--input", "--output", "--fixed", "--precision", "--json", "--help"]
    #expect(NameSuggestion.closest(to: "--inptu", among: options) == "--input")
    #expect(NameSuggestion.closest(to: "--INPUT", among: options) == "--input")
    #expect(NameSuggestion.closest(to: "--precison", among: options) == "--precision")
    #expect(NameSuggestion.closest(to: "--prec", among: options) == "--precision")
    #expect(NameSuggestion.closest(to: "--jsn", among: options) == "--json")
    #expect(NameSuggestion.closest(to: "--zzz", among: options) == nil)
    #expect(NameSuggestion.closest(to: "--", among: options) == nil)
    let commands = ["inspect", "run", "compile", "validate", "budget", "bench", "help"]
    #expect(NameSuggestion.closest(to: "inpsect", among: commands) == "inspect")
    #expect(NameSuggestion.closest(to: "rnu", among: commands) == "run")
    #expect(NameSuggestion.closest(to: "benh", among: commands) == "bench")
    #expect(NameSuggestion.closest(to: "deploy", among: commands) == nil)
  }
}
