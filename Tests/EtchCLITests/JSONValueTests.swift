import EtchCLI
import Foundation
import Testing

/// `--json` output is deterministic and reads back exactly.
@Suite struct JSONValueTests {
  @Test func rendersSortedKeysWithTwoSpaceIndentation() {
    let value: JSONValue = [
      "zeta": [1, 2.5, "three", true, nil], "alpha": [:], "mid": ["b": false, "a": []],
    ]
    #expect(
      value.rendered() == """
        {
          "alpha": {},
          "mid": {
            "a": [],
            "b": false
          },
          "zeta": [
            1,
            2.5,
            "three",
            true,
            null
          ]
        }
        """)
  }

  @Test func escapesStringsAsJSONRequires() {
    let value = JSONValue.string("quote \" slash \\ / tab \t line\n bell \u{07} é 😀")
    #expect(value.rendered() == #""quote \" slash \\ / tab \t line\n bell \u0007 é 😀""#)
  }

  @Test func printsNumbersThatReadBackExactly() throws {
    #expect(JSONValue.int(Int.min).rendered() == "-9223372036854775808")
    #expect(JSONValue.double(0.1).rendered() == "0.1")
    #expect(JSONValue.double(1e-5).rendered() == "1e-05")
    #expect(JSONValue.float(0.1).rendered() == "0.1")
    #expect(JSONValue.double(Double(Float(0.1))).rendered() == "0.10000000149011612")
    #expect(JSONValue.double(.nan).rendered() == "null")
    #expect(JSONValue.float(-.infinity).rendered() == "null")
    // A sweep with a fixed seed: every double and float prints as a JSON number that
    // Swift's correctly rounded parser reads back bit for bit. (Foundation's JSON parser on
    // Linux is off by an ulp at times, so it is no oracle for exactness.)
    var state: UInt64 = 42
    for trial in 0..<5_000 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let double = Double(bitPattern: state)
      let float = Float(bitPattern: UInt32(truncatingIfNeeded: state >> 17))
      let doubleText = JSONValue.double(double).rendered()
      let floatText = JSONValue.float(float).rendered()
      if double.isFinite {
        #expect(Self.isJSONNumber(doubleText), "trial \(trial): \(doubleText)")
        #expect(Double(doubleText)?.bitPattern == double.bitPattern, "trial \(trial): \(double)")
      }
      if float.isFinite {
        #expect(Self.isJSONNumber(floatText), "trial \(trial): \(floatText)")
        #expect(Double(floatText).map(Float.init) == float, "trial \(trial): \(float)")
      }
    }
  }

  /// The number grammar of RFC 8259: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
  static func isJSONNumber(_ text: String) -> Bool {
    text.wholeMatch(of: /-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/) != nil
  }
}
