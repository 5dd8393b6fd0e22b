import EtchCLI

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// The executable stays thin: everything, including exit codes, is decided in EtchCLI.
let status = await EtchTool().run(Array(CommandLine.arguments.dropFirst()))
exit(status.rawValue)
