import Foundation

/// Reads a model in format v1: `NAME.json` and the safetensors file its `weights` names.
///
/// The one entry point every command uses to get a `Model`. It parses the document (fields,
/// operators, attributes with their defaults), resolves `weights` relative to the JSON file,
/// reads and validates the safetensors file, and by default runs `ModelVerifier`, so that a
/// loaded model is known to fit together. Every failure is a `ModelError` naming the file.
///
///     let model = try ModelLoader.load(contentsOf: URL(fileURLWithPath: "models/x.json"))
///     model.nodes.count
public enum ModelLoader {
  /// Loads the model whose JSON document is at `url`, with its weights.
  ///
  /// - Parameter verify: run `ModelVerifier` on the result (the default). Pass `false` only
  ///   to inspect a model that is known to be broken.
  public static func load(contentsOf url: URL, verify: Bool = true) throws(ModelError) -> Model {
    let file = url.path
    let data = try FileAccess.read(url)
    var (model, weightsFile) = try Model.decode(json: [UInt8](data), file: file)
    var weightsPath: String?
    if let weightsFile {
      let weightsURL = resolve(weightsFile, relativeTo: url)
      weightsPath = weightsURL.path
      model.weights = try SafeTensors(contentsOf: weightsURL).tensors
    }
    if verify {
      try ModelVerifier(file: file, weightsFile: weightsPath).verify(model)
    }
    return model
  }

  /// Parses a model document from JSON bytes without reading weights or verifying; `file`
  /// names the document in errors. Returns the model (weights empty) and its `weights` field.
  ///
  /// For tools that read a graph without its weights, and for tests of the parser.
  public static func decode(
    json: Data, file: String
  ) throws(ModelError) -> (model: Model, weightsFile: String?) {
    try Model.decode(json: [UInt8](json), file: file)
  }

  /// `path` taken relative to the folder of `document`, unless it is absolute.
  static func resolve(_ path: String, relativeTo document: URL) -> URL {
    if path.hasPrefix("/") { return URL(fileURLWithPath: path) }
    return document.deletingLastPathComponent().appendingPathComponent(path)
  }
}
