using System.Text.Json.Nodes;
using KerasClassifier.Keras.Backend;
using KerasClassifier.Keras.Initializers;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Layers;

/// <summary>Maps integer ids to learned vectors, as Keras's <c>Embedding</c>: (batch, ...) ids give (batch, ..., outputDim).</summary>
/// <remarks>Ids arrive as float arrays like every input and are truncated to integers. Keras's <c>mask_zero</c> is not supported.</remarks>
/// <example><c>var vectors = new Embedding(inputDim: 1000, outputDim: 16).Apply(Keras.Input([20]));</c></example>
public sealed class Embedding : Layer
{
    private KerasVariable? embeddings;

    /// <summary>Initializes a new instance of the <see cref="Embedding"/> class.</summary>
    /// <param name="inputDim">The vocabulary size: ids run from 0 to inputDim - 1; positive.</param>
    /// <param name="outputDim">The vector length; positive.</param>
    /// <param name="embeddingsInitializer">The initializer name (default <c>uniform</c>, Keras's ±0.05).</param>
    /// <param name="name">The layer name.</param>
    /// <param name="trainable">Whether training updates the vectors.</param>
    public Embedding(int inputDim, int outputDim, string embeddingsInitializer = "uniform", string? name = null, bool trainable = true)
        : base(name, trainable)
    {
        if (inputDim <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(inputDim), inputDim, "Invalid inputDim for Embedding; expected a positive integer.");
        }

        if (outputDim <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(outputDim), outputDim, "Invalid outputDim for Embedding; expected a positive integer.");
        }

        InputDim = inputDim;
        OutputDim = outputDim;
        EmbeddingsInitializer = Initializer.Get(embeddingsInitializer);
    }

    /// <summary>Gets the vocabulary size.</summary>
    public int InputDim { get; }

    /// <summary>Gets the vector length.</summary>
    public int OutputDim { get; }

    /// <summary>Gets the initializer.</summary>
    public Initializer EmbeddingsInitializer { get; }

    /// <summary>Creates the layer from its Keras config.</summary>
    /// <param name="config">The layer's <c>config</c> object.</param>
    /// <returns>The layer.</returns>
    /// <exception cref="NotSupportedException">The config sets <c>mask_zero</c>.</exception>
    public static Embedding FromConfig(JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (LayerConfig.Get(config, "mask_zero", false))
        {
            throw new NotSupportedException("Embedding config sets mask_zero true; masking is not supported.");
        }

        return new Embedding(
            LayerConfig.Get(config, "input_dim", 0),
            LayerConfig.Get(config, "output_dim", 0),
            InitializerConfig.NameFromJson(config["embeddings_initializer"], "uniform"),
            LayerConfig.Name(config),
            LayerConfig.Get(config, "trainable", true));
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => new([.. inputShape.Dims, OutputDim]);

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["input_dim"] = InputDim;
        config["output_dim"] = OutputDim;
        config["embeddings_initializer"] = InitializerConfig.ToJson(EmbeddingsInitializer);
        config["embeddings_regularizer"] = null;
        config["activity_regularizer"] = null;
        config["embeddings_constraint"] = null;
        config["mask_zero"] = false;
        return config;
    }

    /// <inheritdoc/>
    protected override void ValidateInputShape(Shape inputShape)
    {
        if (inputShape.Rank < 2 || inputShape.Rank > 3)
        {
            throw new ArgumentException(
                $"Input 0 of layer \"{Name}\" (Embedding) is incompatible with the layer: expected ndim=2 or 3 (ids per example), found ndim={inputShape.Rank}. Full shape received: {inputShape}.",
                nameof(inputShape));
        }
    }

    /// <inheritdoc/>
    protected override void BuildCore(Shape inputShape) =>
        embeddings = AddWeight("embeddings", [InputDim, OutputDim], EmbeddingsInitializer);

    internal override Tensor Call(Tensor x, bool training)
    {
        var ids = x.to_type(ScalarType.Int64);
        long[] shape = [.. ids.shape, OutputDim];
        var vectors = embeddings!.Value.index_select(0, ids.flatten()).reshape(shape);

        // (batch, h, w) ids give rank-4 vectors, which the backend keeps channels-first.
        return TensorLayout.FromChannelsLast(vectors);
    }
}
