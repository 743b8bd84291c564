using System.Text.Json.Nodes;
using KerasClassifier.Keras.Backend;
using KerasClassifier.Keras.Layers;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace KerasClassifier.Keras.Applications;

/// <summary>
/// The basic residual block of ResNet-18 and ResNet-34: two 3x3 convolutions with batch
/// normalization, added to the block's input (or to a 1x1 projection of it when the block changes
/// the size or the channel count), then a ReLU.
/// </summary>
/// <remarks>
/// The block owns its sublayers, named as Keras names the layers of its ResNet applications
/// (<c>conv3_block1_1_conv</c>, <c>conv3_block1_0_bn</c>...), and lists their variables as its own.
/// Setting <see cref="Trainable"/> sets it on every sublayer, as Keras does for nested layers.
/// A stride-2 block pads one row and column on each side before its first convolution, as
/// torchvision's ResNet does; Keras's <c>same</c> padding would pad after only and shift the features.
/// </remarks>
public sealed class ResNetBasicBlock : Layer
{
    private readonly List<Layer> layers = [];
    private readonly ZeroPadding2D? pad;

    /// <summary>Initializes a new instance of the <see cref="ResNetBasicBlock"/> class.</summary>
    /// <param name="filters">The output channels of both convolutions; positive.</param>
    /// <param name="strides">The stride of the first convolution and the projection: 1 or 2.</param>
    /// <param name="projectShortcut">Whether the shortcut is a 1x1 convolution with batch normalization (needed when the stride or the channel count changes).</param>
    /// <param name="epsilon">The batch normalization epsilon (default 1e-5, as the ImageNet weights were trained with).</param>
    /// <param name="name">The block name, the prefix of the sublayer names, e.g. <c>conv2_block1</c>.</param>
    public ResNetBasicBlock(int filters, int strides = 1, bool projectShortcut = false, double epsilon = 1e-5, string? name = null)
        : base(name)
    {
        if (filters <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(filters), filters, "Invalid filters for ResNetBasicBlock; expected a positive integer.");
        }

        if (strides is not (1 or 2))
        {
            throw new ArgumentOutOfRangeException(nameof(strides), strides, "Invalid strides for ResNetBasicBlock; expected 1 or 2.");
        }

        Filters = filters;
        Strides = strides;
        ProjectShortcut = projectShortcut;

        if (strides == 2)
        {
            pad = new ZeroPadding2D(1, name: $"{Name}_1_pad");
            layers.Add(pad);
        }

        Conv1 = new Conv2D(filters, 3, strides: strides, padding: strides == 2 ? "valid" : "same", useBias: false, name: $"{Name}_1_conv");
        Bn1 = new BatchNormalization(epsilon: epsilon, name: $"{Name}_1_bn");
        Relu1 = new ReLU(name: $"{Name}_1_relu");
        Conv2 = new Conv2D(filters, 3, padding: "same", useBias: false, name: $"{Name}_2_conv");
        Bn2 = new BatchNormalization(epsilon: epsilon, name: $"{Name}_2_bn");
        layers.AddRange([Conv1, Bn1, Relu1, Conv2, Bn2]);

        if (projectShortcut)
        {
            ShortcutConv = new Conv2D(filters, 1, strides: strides, useBias: false, name: $"{Name}_0_conv");
            ShortcutBn = new BatchNormalization(epsilon: epsilon, name: $"{Name}_0_bn");
            layers.AddRange([ShortcutConv, ShortcutBn]);
        }
    }

    /// <summary>Gets the output channels.</summary>
    public int Filters { get; }

    /// <summary>Gets the stride of the first convolution.</summary>
    public int Strides { get; }

    /// <summary>Gets a value indicating whether the shortcut is a projection rather than the identity.</summary>
    public bool ProjectShortcut { get; }

    /// <summary>Gets the sublayers in call order (padding, main path, then the shortcut projection).</summary>
    public IReadOnlyList<Layer> Layers => layers;

    /// <inheritdoc/>
    public override bool Trainable
    {
        get => base.Trainable;
        set
        {
            base.Trainable = value;
            foreach (var layer in layers)
            {
                layer.Trainable = value;
            }
        }
    }

    /// <inheritdoc/>
    public override IReadOnlyList<KerasVariable> Weights => layers.SelectMany(l => l.Weights).ToArray();

    /// <inheritdoc/>
    public override IReadOnlyList<KerasVariable> TrainableWeights =>
        Trainable ? layers.SelectMany(l => l.TrainableWeights).ToArray() : [];

    /// <inheritdoc/>
    public override IReadOnlyList<KerasVariable> NonTrainableWeights => Weights.Except(TrainableWeights).ToArray();

    internal Conv2D Conv1 { get; }

    internal BatchNormalization Bn1 { get; }

    internal ReLU Relu1 { get; }

    internal Conv2D Conv2 { get; }

    internal BatchNormalization Bn2 { get; }

    internal Conv2D? ShortcutConv { get; }

    internal BatchNormalization? ShortcutBn { get; }

    /// <summary>Creates the block from the config that <see cref="GetConfig"/> writes.</summary>
    /// <param name="config">The layer's <c>config</c> object.</param>
    /// <returns>The block, not yet built.</returns>
    public static ResNetBasicBlock FromConfig(JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var block = new ResNetBasicBlock(
            LayerConfig.Get(config, "filters", 64),
            LayerConfig.Get(config, "strides", 1),
            LayerConfig.Get(config, "project_shortcut", false),
            LayerConfig.Get(config, "epsilon", 1e-5),
            LayerConfig.Name(config));
        LayerConfig.WithBaseKeys(block, config);

        // Fine-tuning freezes the batch normalization inside a trainable block. Its sublayers are not
        // separate layers in the file, so the block lists the frozen ones.
        var frozen = config["frozen_sublayers"]?.AsArray().Select(n => n!.GetValue<string>()).ToHashSet(StringComparer.Ordinal) ?? [];
        foreach (var layer in block.layers.Where(l => frozen.Contains(l.Name)))
        {
            layer.Trainable = false;
        }

        return block;
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape)
    {
        var shape = pad?.ComputeOutputShape(inputShape) ?? inputShape;
        return Conv1.ComputeOutputShape(shape);
    }

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["filters"] = Filters;
        config["strides"] = Strides;
        config["project_shortcut"] = ProjectShortcut;
        config["epsilon"] = Bn1.Epsilon;
        if (Trainable && layers.Any(l => !l.Trainable))
        {
            config["frozen_sublayers"] = new JsonArray(layers.Where(l => !l.Trainable).Select(l => (JsonNode?)l.Name).ToArray());
        }

        return config;
    }

    /// <inheritdoc/>
    protected override void ValidateInputShape(Shape inputShape)
    {
        RequireRank(inputShape, 4);
        if (!ProjectShortcut && (Strides != 1 || inputShape[-1] != Filters))
        {
            throw new ArgumentException(
                $"Layer \"{Name}\" (ResNetBasicBlock) has an identity shortcut, so it needs stride 1 and {Filters} input channels; received input shape {inputShape}. Pass projectShortcut: true.",
                nameof(inputShape));
        }
    }

    /// <inheritdoc/>
    protected override void BuildCore(Shape inputShape)
    {
        var shape = inputShape;
        foreach (var layer in new Layer?[] { pad, Conv1, Bn1, Relu1, Conv2, Bn2 }.OfType<Layer>())
        {
            layer.Build(shape);
            shape = layer.OutputShape!;
        }

        if (ProjectShortcut)
        {
            ShortcutConv!.Build(inputShape);
            ShortcutBn!.Build(ShortcutConv.OutputShape!);
        }
    }

    internal override Tensor Call(Tensor x, bool training)
    {
        var y = pad is null ? x : pad.Call(x, training);
        y = Relu1.Call(Bn1.Call(Conv1.Call(y, training), training), training);
        y = Bn2.Call(Conv2.Call(y, training), training);

        var shortcut = ProjectShortcut ? ShortcutBn!.Call(ShortcutConv!.Call(x, training), training) : x;
        return F.relu(ScalarOps.Add(y, shortcut));
    }
}
