import Foundation

/// Writes a model in format v1: `NAME.json` and its weights file beside it.
///
/// Used by exporters, by compiler passes that save a rewritten model (folded, pruned), and by
/// tests that build models in code. Output is deterministic (the same model gives the same
/// bytes) and `ModelLoader.load(contentsOf:)` of it gives back an equal `Model`. The JSON
/// lists only attributes that differ from their defaults; weights are all written as `F32`,
/// sorted by name. Both files are written atomically, weights first, so that the document
/// never points at a missing or half-written weights file.
///
///     try ModelWriter.write(model, to: URL(fileURLWithPath: "out/jet_tagger.json"))
///     // out/jet_tagger.json + out/jet_tagger.safetensors
public enum ModelWriter {
  /// Writes `model` to `url` and its weights to `weightsFile`, a path relative to the
  /// document's folder (default: the document's name with `.safetensors`).
  ///
  /// - Parameter verify: run `ModelVerifier` first (the default), so that no file is
  ///   written for a model that could not be read back; errors name `url`.
  public static func write(
    _ model: Model, to url: URL, weightsFile: String? = nil, verify: Bool = true
  ) throws(ModelError) {
    let weightsName =
      weightsFile
      ?? url.deletingPathExtension().appendingPathExtension("safetensors")
      .lastPathComponent
    let weightsURL = ModelLoader.resolve(weightsName, relativeTo: url)
    if verify {
      try ModelVerifier(file: url.path, weightsFile: weightsURL.path).verify(model)
    }
    try SafeTensors(tensors: model.weights).write(to: weightsURL)
    try FileAccess.write(Data(json(of: model, weightsFile: weightsName).utf8), to: url)
  }

  /// The model document as JSON text, naming `weightsFile` in its `weights` field.
  ///
  /// Fields in the order of docs/model-format.md, one node per line, params in role order,
  /// quant sorted by key, attributes only where they differ from their defaults.
  public static func json(of model: Model, weightsFile: String) -> String {
    model.jsonText(weightsFile: weightsFile)
  }
}
