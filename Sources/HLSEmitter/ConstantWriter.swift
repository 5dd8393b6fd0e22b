import FixedIR
import FixedPoint

/// Writes the constants and tables of the live ops as headers of `firmware/weights/`: one
/// `static const` array of raws each (a ROM in hardware), in the narrowest C integer type.
///
///     // Constant 'fc1.weight': ap_fixed<8,1>, shape [2, 2]; value = raw * 2^-7.
///     static const signed char fc1_weight[4] = {
///         64, -32, 1, 127,
///     };
struct ConstantWriter {
  let plan: FirmwarePlan

  /// The folder of the headers inside a project.
  static let folder = "firmware/weights"

  /// One array as it is declared: identifier, format, raws and a comment.
  struct Array {
    let id: String
    let format: FixedFormat
    let raw: [Int64]
    let comment: String
  }

  /// Every constant (sorted by name) then every table (in op order).
  var arrays: [Array] {
    var arrays: [Array] = []
    for name in plan.constantIDs.keys.sorted() {
      guard let constant = plan.constants[name] else { continue }
      let shape = "[" + constant.shape.map(String.init).joined(separator: ", ") + "]"
      if plan.isSparse(name) {
        arrays += sparseArrays(name, constant, shape: shape)
        continue
      }
      arrays.append(
        Array(
          id: plan.constantID(name), format: constant.format, raw: constant.raw,
          comment: "Constant '\(name)': \(constant.format), shape \(shape); "
            + "value = raw * 2^\(-constant.format.fractionBits)."))
    }
    for op in plan.ops {
      for (role, table) in FirmwarePlan.tables(of: op) {
        let shift =
          table.shift >= 0 ? "raw >> \(table.shift)" : "raw << \(-table.shift)"
        arrays.append(
          Array(
            id: plan.tableID(op: op.name, role: role), format: table.format,
            raw: table.entries,
            comment: "Table '\(table.function.rawValue)' of op '\(op.name)': \(table.format), "
              + "entry clamp((\(shift)) + \(table.offset), 0, \(table.entries.count - 1))."))
      }
    }
    return arrays
  }

  /// A pruned dense weight without its zeros, and its index arrays (`FirmwarePlan+Sparse`).
  private func sparseArrays(_ name: String, _ constant: FixedConstant, shape: String) -> [Array] {
    let sparse = plan.sparseWeight(name)
    let id = plan.constantID(name)
    let index = FirmwarePlan.indexFormat(constant.shape.max() ?? 1)
    return [
      Array(
        id: id, format: constant.format, raw: sparse.raw,
        comment: "Constant '\(name)': \(constant.format), shape \(shape), its "
          + "\(sparse.raw.count) non-zero raws in (output, input) order; value = raw * "
          + "2^\(-constant.format.fractionBits)."),
      Array(
        id: id + "_in", format: index, raw: sparse.inputs,
        comment: "Input index of each non-zero raw of '\(name)'."),
      Array(
        id: id + "_out", format: index, raw: sparse.outputs,
        comment: "Output index of each non-zero raw of '\(name)'."),
    ]
  }

  /// The header of one array, by file path.
  func files() -> [String: String] {
    var files: [String: String] = [:]
    for array in arrays {
      files["\(Self.folder)/\(array.id).h"] = header(array)
    }
    return files
  }

  /// The `#include` lines of `NAME.cpp`.
  var includes: [String] {
    arrays.map { "#include \"weights/\($0.id).h\"" }
  }

  private func header(_ array: Array) -> String {
    let guardName = "ETCH_\(plan.name)_\(array.id)_H"
    var lines = [
      "// \(array.comment)",
      "// Raws of the format, emitted by Etch; the kernels reinterpret them (etch::from_raw).",
      "#ifndef \(guardName)",
      "#define \(guardName)",
      "",
      "static const \(array.format.cppStorageType) \(array.id)[\(array.raw.count)] = {",
    ]
    let perLine = array.format.width > 32 ? 4 : 12
    var start = 0
    while start < array.raw.count {
      let chunk = array.raw[start..<min(start + perLine, array.raw.count)]
      lines.append("    " + chunk.map { array.format.cppLiteral($0) + "," }.joined(separator: " "))
      start += perLine
    }
    lines += ["};", "", "#endif", ""]
    return lines.joined(separator: "\n")
  }
}
