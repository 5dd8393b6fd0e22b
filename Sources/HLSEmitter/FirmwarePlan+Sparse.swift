import FixedIR
import FixedPoint

/// Pruned dense layers: weights written without their zeros, so that no multiplier exists
/// for a zero weight.
///
/// A dense op's weight is written sparse when the op runs fully unrolled (reuse 1), the
/// weight has at least one zero raw, and every op reading the constant is such a dense op.
/// Its array `W` then holds only the non-zero raws in (output, input) order, with `W_in`
/// and `W_out` giving each one's input and output index; `dense_sparse` loops over those
/// `n_nonzero` entries, so the unrolled loop has exactly one product per non-zero weight,
/// by construction rather than by the HLS tool's constant propagation. It adds the same
/// terms in the same order as `dense` minus the `x · 0` ones, which leave an accumulator
/// unchanged, so the results are the same bits.
///
///     // fc1.weight = [[3, 0], [0, -2]] (raws) is written as
///     // fc1_weight = {3, -2}, fc1_weight_in = {0, 1}, fc1_weight_out = {0, 1}
extension FirmwarePlan {
  /// The non-zero raws of a sparse weight and their input and output indices.
  struct SparseWeight {
    let raw: [Int64]
    let inputs: [Int64]
    let outputs: [Int64]
  }

  /// Whether constant `name` is written sparse (see the extension's documentation).
  func isSparse(_ name: String) -> Bool {
    guard let constant = constants[name], constant.shape.count == 2,
      constant.raw.contains(0)
    else { return false }
    let readers = ops.filter { Self.constantNames(of: $0).contains(name) }
    return !readers.isEmpty
      && readers.allSatisfy { op in
        guard case .dense(let weight, _, _, _) = op.kind, weight == name else { return false }
        return options.reuse(of: op.name) == 1
      }
  }

  /// The entries of constant `name`, which must be a `[out, in]` weight.
  func sparseWeight(_ name: String) -> SparseWeight {
    guard let constant = constants[name], constant.shape.count == 2 else {
      return SparseWeight(raw: [], inputs: [], outputs: [])
    }
    let columns = constant.shape[1]
    var raw: [Int64] = []
    var inputs: [Int64] = []
    var outputs: [Int64] = []
    for (index, value) in constant.raw.enumerated() where value != 0 {
      raw.append(value)
      inputs.append(Int64(index % columns))
      outputs.append(Int64(index / columns))
    }
    return SparseWeight(raw: raw, inputs: inputs, outputs: outputs)
  }

  /// The format of a sparse weight's index arrays: `ap_int<16>` (a C `short`), or
  /// `ap_int<32>` for dimensions beyond 32,767.
  static func indexFormat(_ count: Int) -> FixedFormat {
    let bits = count < 32_768 ? 16 : 32
    guard let format = try? FixedFormat(integerWidth: bits) else {
      preconditionFailure("ap_int<\(bits)> is a valid format")
    }
    return format
  }
}
