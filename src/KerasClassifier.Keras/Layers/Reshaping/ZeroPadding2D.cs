using System.Text.Json.Nodes;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace KerasClassifier.Keras.Layers;

/// <summary>Adds rows and columns of zeros around each image, as Keras's <c>ZeroPadding2D</c>.</summary>
/// <example>
/// <code>
/// new ZeroPadding2D(3);                  // 3 on every side
/// new ZeroPadding2D(((1, 0), (1, 0)));   // one row on top and one column on the left
/// </code>
/// </example>
public sealed class ZeroPadding2D : Layer
{
    /// <summary>Initializes a new instance of the <see cref="ZeroPadding2D"/> class with the same padding on every side.</summary>
    /// <param name="padding">The rows and columns added on each side (default 1).</param>
    /// <param name="name">The layer name.</param>
    public ZeroPadding2D(int padding = 1, string? name = null)
        : this(((padding, padding), (padding, padding)), name)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ZeroPadding2D"/> class with padding per side.</summary>
    /// <param name="padding">((top, bottom), (left, right)), each 0 or more.</param>
    /// <param name="name">The layer name.</param>
    public ZeroPadding2D(((int Top, int Bottom) Height, (int Left, int Right) Width) padding, string? name = null)
        : base(name)
    {
        var (height, width) = padding;
        if (height.Top < 0 || height.Bottom < 0 || width.Left < 0 || width.Right < 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(padding), padding, $"Invalid padding (({height.Top}, {height.Bottom}), ({width.Left}, {width.Right})) for ZeroPadding2D; expected sizes of 0 or more.");
        }

        Top = height.Top;
        Bottom = height.Bottom;
        Left = width.Left;
        Right = width.Right;
    }

    /// <summary>Gets the rows added above.</summary>
    public int Top { get; }

    /// <summary>Gets the rows added below.</summary>
    public int Bottom { get; }

    /// <summary>Gets the columns added on the left.</summary>
    public int Left { get; }

    /// <summary>Gets the columns added on the right.</summary>
    public int Right { get; }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => new(
        inputShape[0],
        inputShape[1] + Top + Bottom,
        inputShape[2] + Left + Right,
        inputShape[3]);

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["padding"] = new JsonArray(new JsonArray(Top, Bottom), new JsonArray(Left, Right));
        config["data_format"] = "channels_last";
        return config;
    }

    /// <inheritdoc/>
    protected override void ValidateInputShape(Shape inputShape) => RequireRank(inputShape, 4);

    // libtorch's pad takes the last axis first: (left, right, top, bottom) for NCHW.
    internal override Tensor Call(Tensor x, bool training) => F.pad(x, [Left, Right, Top, Bottom]);
}
