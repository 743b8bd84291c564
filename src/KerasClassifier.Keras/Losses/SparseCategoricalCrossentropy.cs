using System.Text.Json.Nodes;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace KerasClassifier.Keras.Losses;

/// <summary>Cross-entropy between integer class ids and predicted class scores, as Keras's loss of that name.</summary>
public sealed class SparseCategoricalCrossentropy : Loss
{
    // Keras clips probabilities to [epsilon, 1 - epsilon] before the log when they are not logits.
    private const double Epsilon = 1e-7;

    /// <summary>Initializes a new instance of the <see cref="SparseCategoricalCrossentropy"/> class.</summary>
    /// <param name="fromLogits">True when the model outputs raw scores; false (default) when it outputs probabilities.</param>
    /// <param name="name">The loss name.</param>
    public SparseCategoricalCrossentropy(bool fromLogits = false, string name = "sparse_categorical_crossentropy")
        : base(name)
    {
        FromLogits = fromLogits;
    }

    /// <summary>Creates the loss from its Keras config.</summary>
    /// <param name="config">The <c>config</c> object of a saved loss.</param>
    /// <returns>The loss.</returns>
    /// <exception cref="NotSupportedException">The config sets <c>ignore_class</c> or a reduction other than the mean over the batch.</exception>
    public static SparseCategoricalCrossentropy FromConfig(JsonObject config)
    {
        var reader = new Saving.Serialization.ConfigReader(config, "loss SparseCategoricalCrossentropy");
        if (reader.Has("ignore_class"))
        {
            throw new NotSupportedException($"Loss SparseCategoricalCrossentropy sets ignore_class = {config["ignore_class"]!.ToJsonString()}, which is not supported.");
        }

        var reduction = reader.GetOptionalString("reduction");
        if (reduction is not (null or "auto" or "sum_over_batch_size"))
        {
            throw new NotSupportedException($"Loss SparseCategoricalCrossentropy uses reduction '{reduction}'; only the mean over the batch (sum_over_batch_size) is supported.");
        }

        return new SparseCategoricalCrossentropy(reader.GetBool("from_logits", false), reader.GetName() ?? "sparse_categorical_crossentropy");
    }

    /// <summary>Gets a value indicating whether the predictions are logits.</summary>
    public bool FromLogits { get; }

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["from_logits"] = FromLogits;
        config["ignore_class"] = null;
        return config;
    }

    internal override Tensor Compute(Tensor yTrue, Tensor yPred)
    {
        if (FromLogits)
        {
            return F.cross_entropy(yPred, yTrue);
        }

        var probabilities = yPred / yPred.sum(1, keepdim: true);
        var logProbabilities = probabilities.clamp(Epsilon, 1 - Epsilon).log();
        return F.nll_loss(logProbabilities, yTrue);
    }
}
