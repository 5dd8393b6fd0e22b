import Compiler

/// A compiler error located at the model it compiled, so it prints as
/// `models/net.json: error: [quantize] node 'fc1': ...` like every model diagnostic.
///
/// `CompilerError` does not know the path its model was loaded from; the command does, and
/// pairs them here.
struct CompileFailure: Error, Diagnostic {
  /// The model document, as the command shows it.
  var file: String
  /// What the compiler reported.
  var error: CompilerError

  /// The model document.
  var location: String? { file }
  /// The failing pass, shown in brackets.
  var passName: String? { error.pass }
  /// The compiler's sentence.
  var message: String { error.message }
}
