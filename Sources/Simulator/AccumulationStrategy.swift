/// How the Simulator sums the products of dense, convolution and matmul ops.
///
/// Every strategy gives the same bits: the one that `ap_fixed` C++ computes, step by step
/// (`acc = Q_acc(acc + x·w)` in the stated order). They differ in speed and in whether
/// accumulator overflows are counted:
///
/// | strategy    | proven accumulator  | wrapping accumulator (AP_WRAP)   | saturating, other |
/// |-------------|---------------------|----------------------------------|-------------------|
/// | `counted`   | exact sum (fast)    | per step, counted                | per step, counted |
/// | `fastest`   | exact sum (fast)    | wrapped sum (fast), not counted  | per step, counted |
/// | `stepwise`  | per step, counted   | per step, counted                | per step, counted |
///
///     let engine = try Simulator(program: program, threads: 4, accumulation: .fastest)
public enum AccumulationStrategy: String, Sendable, CaseIterable {
  /// Fast exact sums where a proof from the weights and formats shows the accumulator never
  /// rounds or overflows; every other accumulator step by step, counting its overflows.
  /// The default: what `etch validate` needs.
  case counted
  /// Also sums wrapping accumulators in one wrapped sum where that provably equals the
  /// per-step result (`AP_WRAP` with `AP_TRN`, `AP_RND` or `AP_RND_MIN_INF`); those ops
  /// report `nil` accumulator overflows. For throughput (`etch bench`, `etch run`).
  case fastest
  /// Every accumulator step through the general per-step path, exactly as docs/fixed-ir.md
  /// states it. Slow; the reference that the fast paths are tested against.
  case stepwise
}
