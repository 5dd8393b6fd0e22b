/// The operators of model format version 1, each with its attributes resolved to values.
///
/// Defaults from docs/model-format.md are already applied when an `Op` exists, and
/// paddings are normalised to explicit sides, so that every consumer (shape inference, the
/// Reference engine, the compiler) reads one unambiguous form. Semantics follow PyTorch's
/// functional ops; axes count non-batch dimensions only, and may be negative (from the end).
///
///     Op.conv2d(Convolution2D(stride: .init(1, 1), padding: .init(1, 1, 1, 1)))
///     Op.leakyRelu(alpha: 0.01)
public enum Op: Sendable, Equatable {
  /// `nn.Linear` over the last dimension; params `weight [out, in]`, `bias [out]?`.
  case dense
  /// 1-D convolution over `[C, L]`; params `weight [out, in/groups, k]`, `bias [out]?`.
  case conv1d(Convolution1D)
  /// 2-D convolution over `[C, H, W]`; params `weight [out, in/groups, kh, kw]`, `bias?`.
  case conv2d(Convolution2D)
  /// Inference-mode batch normalisation over axis 0:
  /// `(x − running_mean) / sqrt(running_var + eps) · weight + bias`.
  case batchnorm(eps: Double)
  /// `max(x, 0)`.
  case relu
  /// `1 / (1 + e^−x)`.
  case sigmoid
  /// Hyperbolic tangent.
  case tanh
  /// `x` for `x ≥ 0`, `alpha · x` otherwise.
  case leakyRelu(alpha: Double)
  /// Softmax along `axis` (non-batch axes; negative counts from the end).
  case softmax(axis: Int)
  /// Max pooling over `[C, H, W]`; padding counts as −∞.
  case maxpool2d(Pooling2D)
  /// Average pooling over `[C, H, W]`; padded zeros count (`count_include_pad=True`).
  case avgpool2d(Pooling2D)
  /// Mean over H and W of `[C, H, W]`, giving `[C]`.
  case globalAvgpool2d
  /// Nearest-neighbour upsampling of `[C, H, W]` by an integer factor per axis.
  case upsample2d(scale: Pair, mode: UpsampleMode)
  /// Flattens all non-batch dimensions in C order.
  case flatten
  /// Reinterprets the elements with a new shape (C order, same count; one `-1` allowed).
  case reshape(shape: [Int])
  /// Element-wise sum of two tensors of the same shape.
  case add
  /// Element-wise product of two tensors of the same shape.
  case mul
  /// Concatenation along `axis`.
  case concat(axis: Int)
  /// Matrix product of the last two dimensions: `[M, K] × [K, N] → [M, N]`.
  case matmul
  /// Permutes the non-batch dimensions: output dimension `i` is input dimension `perm[i]`.
  case transpose(perm: [Int])
  /// Identity at inference; kept so that exported training graphs load unchanged.
  case dropout
  /// Returns its input.
  case identity

  /// The operator's name as spelled in model files (`"leaky_relu"`, `"conv2d"`, ...).
  public var name: String {
    switch self {
    case .dense: "dense"
    case .conv1d: "conv1d"
    case .conv2d: "conv2d"
    case .batchnorm: "batchnorm"
    case .relu: "relu"
    case .sigmoid: "sigmoid"
    case .tanh: "tanh"
    case .leakyRelu: "leaky_relu"
    case .softmax: "softmax"
    case .maxpool2d: "maxpool2d"
    case .avgpool2d: "avgpool2d"
    case .globalAvgpool2d: "global_avgpool2d"
    case .upsample2d: "upsample2d"
    case .flatten: "flatten"
    case .reshape: "reshape"
    case .add: "add"
    case .mul: "mul"
    case .concat: "concat"
    case .matmul: "matmul"
    case .transpose: "transpose"
    case .dropout: "dropout"
    case .identity: "identity"
    }
  }

  /// Every operator name of version 1, for error messages that list what is accepted.
  public static let allNames: [String] = [
    "dense", "conv1d", "conv2d", "batchnorm", "relu", "sigmoid", "tanh", "leaky_relu",
    "softmax", "maxpool2d", "avgpool2d", "global_avgpool2d", "upsample2d", "flatten",
    "reshape", "add", "mul", "concat", "matmul", "transpose", "dropout", "identity",
  ]

  /// How many inputs the operator reads: a fixed count, or at least two for `concat`.
  public var arity: ClosedRange<Int> {
    switch self {
    case .add, .mul, .matmul: 2...2
    case .concat: 2...Int.max
    default: 1...1
    }
  }

  /// Parameter roles the operator requires.
  public var requiredParams: [String] { Op.requiredParams(of: name) }

  /// Parameter roles the operator accepts but does not require.
  public var optionalParams: [String] { Op.optionalParams(of: name) }
}

/// Two integers for the two spatial axes of a 2-D operator: (height, width).
public struct Pair: Sendable, Equatable, Hashable, CustomStringConvertible {
  /// The value along the height (rows) axis.
  public var h: Int
  /// The value along the width (columns) axis.
  public var w: Int

  /// Creates a pair from its height and width values.
  public init(_ h: Int, _ w: Int) {
    self.h = h
    self.w = w
  }

  /// `[h, w]`, as written in model files.
  public var description: String { "[\(h), \(w)]" }
}

/// Padding of the four sides of a 2-D operator, in input pixels.
public struct Padding2D: Sendable, Equatable, Hashable {
  /// Rows added above.
  public var top: Int
  /// Columns added on the left.
  public var left: Int
  /// Rows added below.
  public var bottom: Int
  /// Columns added on the right.
  public var right: Int

  /// Creates a padding from its four sides, in the model format's order.
  public init(_ top: Int, _ left: Int, _ bottom: Int, _ right: Int) {
    self.top = top
    self.left = left
    self.bottom = bottom
    self.right = right
  }

  /// No padding.
  public static let zero = Padding2D(0, 0, 0, 0)

  /// True when no side is padded.
  public var isZero: Bool { self == .zero }
}

/// Attributes of `conv1d`, with the defaults of model format v1.
public struct Convolution1D: Sendable, Equatable, Hashable {
  /// Step between output positions.
  public var stride: Int
  /// Zeros added before the signal.
  public var padLeft: Int
  /// Zeros added after the signal.
  public var padRight: Int
  /// Spacing between kernel taps.
  public var dilation: Int
  /// Number of channel groups (`groups == in_channels` is depthwise).
  public var groups: Int

  /// Creates conv1d attributes; the defaults are the format's.
  public init(
    stride: Int = 1, padLeft: Int = 0, padRight: Int = 0, dilation: Int = 1, groups: Int = 1
  ) {
    self.stride = stride
    self.padLeft = padLeft
    self.padRight = padRight
    self.dilation = dilation
    self.groups = groups
  }
}

/// Attributes of `conv2d`, with the defaults of model format v1.
public struct Convolution2D: Sendable, Equatable, Hashable {
  /// Step between output positions, (h, w).
  public var stride: Pair
  /// Zeros added on each side.
  public var padding: Padding2D
  /// Spacing between kernel taps, (h, w).
  public var dilation: Pair
  /// Number of channel groups (`groups == in_channels` is depthwise).
  public var groups: Int

  /// Creates conv2d attributes; the defaults are the format's.
  public init(
    stride: Pair = Pair(1, 1), padding: Padding2D = .zero, dilation: Pair = Pair(1, 1),
    groups: Int = 1
  ) {
    self.stride = stride
    self.padding = padding
    self.dilation = dilation
    self.groups = groups
  }
}

/// Attributes of `maxpool2d` and `avgpool2d`.
public struct Pooling2D: Sendable, Equatable, Hashable {
  /// Window size, (h, w).
  public var kernel: Pair
  /// Step between windows, (h, w); defaults to the kernel.
  public var stride: Pair
  /// Symmetric padding, (h, w): rows above and below, columns left and right.
  public var padding: Pair

  /// Creates pooling attributes; a missing stride is the kernel, as in PyTorch.
  public init(kernel: Pair, stride: Pair? = nil, padding: Pair = Pair(0, 0)) {
    self.kernel = kernel
    self.stride = stride ?? kernel
    self.padding = padding
  }
}

/// How `upsample2d` fills new pixels. Version 1 knows only nearest-neighbour.
public enum UpsampleMode: String, Sendable, Equatable, Hashable, CaseIterable {
  /// Each pixel is repeated `scale` times along each axis.
  case nearest
}
