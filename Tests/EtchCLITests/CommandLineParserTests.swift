import EtchCLI
import Testing

/// The parser accepts every documented form and names the word at fault otherwise.
@Suite struct CommandLineParserTests {
  static func parse(_ words: [String], _ spec: CommandSpec = Samples.runSpec) throws(UsageError)
    -> ParsedArguments
  {
    switch try CommandLineParser.parse(words, for: spec) {
    case .help: preconditionFailure("unexpected help for \(words)")
    case .arguments(let arguments): return arguments
    }
  }

  static func isHelp(_ words: [String]) throws -> Bool {
    if case .help = try CommandLineParser.parse(words, for: Samples.runSpec) { return true }
    return false
  }

  @Test func readsSpacedAndEqualsFormsAndFlagsInAnyOrder() throws {
    let arguments = try Self.parse(["--input", "x.npy", "m.json", "--output=y=z.npy", "--fixed"])
    #expect(arguments.argument("MODEL") == "m.json")
    #expect(arguments.value("input") == "x.npy")
    #expect(arguments.value("output") == "y=z.npy", "only the first '=' separates")
    #expect(arguments.flag("fixed"))
    #expect(!arguments.isJSON)
    let short = try Self.parse(["m.json", "-i", "a.npy", "-o", "b.npy", "--json"])
    #expect(short.value("input") == "a.npy" && short.value("output") == "b.npy")
    #expect(short.isJSON)
  }

  @Test func fillsDefaultsAndConvertsTypes() throws {
    let arguments = try Self.parse(["m.json", "--input", "x.npy"])
    #expect(arguments.value("output") == "out.npy")
    #expect(try arguments.value("threads", as: Int.self) == 1)
    #expect(try arguments.value("engine", as: Samples.Engine.self) == .float)
    #expect(arguments.value("offset") == nil)
    #expect(try arguments.value("offset", as: Double.self) == nil)
    #expect(!arguments.flag("fixed"))
    let given = try Self.parse(["m.json", "--input", "x.npy", "--threads=8", "--engine", "fixed"])
    #expect(try given.value("threads", as: Int.self) == 8)
    #expect(try given.value("engine", as: Samples.Engine.self) == .fixed)
    #expect(try given.argument("MODEL", as: String.self) == "m.json")
  }

  @Test func keepsEveryValueOfARepeatableOption() throws {
    let arguments = try Self.parse([
      "m.json", "--data", "a.npy", "--input", "x.npy", "--data=b.npy", "--data", "c.npy",
    ])
    #expect(arguments.values("data") == ["a.npy", "b.npy", "c.npy"])
    #expect(arguments.value("data") == "c.npy")
    #expect(try arguments.values("threads", as: Int.self) == [1])
  }

  @Test func takesNegativeNumbersAndDashAsValues() throws {
    let arguments = try Self.parse(["m.json", "--input", "-", "--offset", "-0.5"])
    #expect(arguments.value("input") == "-")
    #expect(try arguments.value("offset", as: Double.self) == -0.5)
    #expect(try Self.parse(["-3", "--input", "x"]).argument("MODEL") == "-3")
  }

  @Test func treatsEverythingAfterDoubleDashAsArguments() throws {
    let arguments = try Self.parse(["--input", "x.npy", "--", "--help"])
    #expect(arguments.argument("MODEL") == "--help")
    #expect(throws: UsageError.extraArgument("-x.npy")) {
      try Self.parse(["--input", "x.npy", "--", "m.json", "-x.npy"])
    }
  }

  @Test func answersHelpWhateverElseIsWrong() throws {
    #expect(try Self.isHelp(["--help"]))
    #expect(try Self.isHelp(["--bogus", "-h", "extra", "words"]))
    #expect(try !Self.isHelp(["--input", "x", "--", "-h"]))
  }

  @Test func assignsOptionalAndRepeatableArgumentsInOrder() throws {
    func assigned(_ words: [String]) throws -> [[String]] {
      let arguments = try Self.parse(words, Samples.copySpec)
      return ["FIRST", "MIDDLE", "REST", "LAST"].map(arguments.arguments)
    }
    #expect(try assigned(["a", "b"]) == [["a"], [], [], ["b"]])
    #expect(try assigned(["a", "b", "c"]) == [["a"], ["b"], [], ["c"]])
    #expect(try assigned(["a", "b", "c", "d", "e"]) == [["a"], ["b"], ["c", "d"], ["e"]])
    #expect(throws: UsageError.missingArgument("LAST")) { try Self.parse(["a"], Samples.copySpec) }
  }

  @Test(arguments: [
    (
      ["m.json", "--input", "x", "--inptu", "y"],
      UsageError.unknownOption("--inptu", suggestion: "--input")
    ),
    (["m.json", "--input", "x", "--out", "y"], .unknownOption("--out", suggestion: "--output")),
    (["m.json", "--input", "x", "--zzz"], .unknownOption("--zzz", suggestion: nil)),
    (["m.json", "-input", "x"], .unknownOption("-input", suggestion: "--input")),
    (["m.json", "-q"], .unknownOption("-q", suggestion: nil)),
    (["m.json", "--input"], .missingValue(option: "--input", valueName: "X.npy")),
    (["m.json", "--input", "--fixed"], .missingValue(option: "--input", valueName: "X.npy")),
    (["m.json", "--input", "x", "--fixed=yes"], .unexpectedValue(flag: "--fixed", value: "yes")),
    (["--input", "x"], .missingArgument("MODEL")),
    (["m.json"], .missingOption(option: "--input", valueName: "X.npy")),
    (["m.json", "n.json", "--input", "x"], .extraArgument("n.json")),
    (["m.json", "--input", "x", "--input=y"], .repeatedOption("--input")),
    (
      ["m.json", "--input", "x", "--engine", "flaot"],
      .invalidValue(
        name: "--engine", value: "flaot", expected: "one of float, fixed",
        suggestion: "float")
    ),
  ])
  func refusesABadCommandLineNamingTheWord(words: [String], error: UsageError) {
    #expect(throws: error) { try Self.parse(words) }
  }

  @Test func refusesValuesThatDoNotConvert() throws {
    let arguments = try Self.parse([
      "m.json", "--input", "x", "--threads", "four", "--offset", "nan",
    ])
    #expect(
      throws: UsageError.invalidValue(
        name: "--threads", value: "four", expected: "an integer", suggestion: nil)
    ) {
      try arguments.value("threads", as: Int.self)
    }
    #expect(
      throws: UsageError.invalidValue(
        name: "--offset", value: "nan", expected: "a finite number", suggestion: nil)
    ) {
      try arguments.value("offset", as: Double.self)
    }
    #expect(
      throws: UsageError.invalidValue(
        name: "MODEL", value: "m.json", expected: "one of float, fixed", suggestion: nil)
    ) {
      try arguments.argument("MODEL", as: Samples.Engine.self)
    }
    let typo = try Self.parse(["m.json", "--input", "x", "--data", "fixd"])
    #expect(
      throws: UsageError.invalidValue(
        name: "--data", value: "fixd", expected: "one of float, fixed", suggestion: "fixed")
    ) {
      try typo.values("data", as: Samples.Engine.self)
    }
  }

  @Test func requiresValuesCommandsInsistOn() throws {
    let arguments = try Self.parse(["--input", "x", "--"], Samples.runSpec.withOptionalModel)
    #expect(throws: UsageError.missingArgument("MODEL")) { try arguments.required("MODEL") }
    #expect(throws: UsageError.missingOption(option: "--offset", valueName: "X")) {
      try arguments.requiredValue("offset")
    }
    #expect(try arguments.requiredValue("output") == "out.npy")
  }

  @Test func rendersEveryUsageErrorAsOneSentence() {
    let errors: [UsageError] = [
      .missingCommand(commands: ["help", "run"]),
      .unknownCommand("rn", suggestion: "run", commands: ["help", "run"]),
      .unknownCommand("zz", suggestion: nil, commands: ["help", "run"]),
      .unknownOption("--x", suggestion: nil), .missingValue(option: "--input", valueName: "X"),
      .unexpectedValue(flag: "--json", value: "1"), .missingArgument("MODEL"),
      .missingOption(option: "--input", valueName: "X"), .extraArgument("y"),
      .repeatedOption("--input"),
      .invalidValue(name: "--threads", value: "x", expected: "an integer", suggestion: nil),
      .invalid("--precision needs --fixed"),
    ]
    #expect(
      errors.map(\.message) == [
        "no command given; expected one of help, run",
        "unknown command 'rn'; did you mean 'run'?",
        "unknown command 'zz'; expected one of help, run",
        "unknown option '--x'",
        "option '--input' needs a value; expected --input X",
        "flag '--json' takes no value, but was given '1'; expected just --json",
        "missing argument MODEL",
        "missing required option --input X",
        "unexpected argument 'y'",
        "option '--input' was given more than once; expected it once",
        "invalid value 'x' for --threads; expected an integer",
        "--precision needs --fixed",
      ])
    #expect(errors.allSatisfy { $0.description == $0.message })
  }
}

extension CommandSpec {
  /// The same spec with MODEL optional, to test what commands require themselves.
  fileprivate var withOptionalModel: CommandSpec {
    var spec = self
    spec.arguments[0].isOptional = true
    return spec
  }
}
