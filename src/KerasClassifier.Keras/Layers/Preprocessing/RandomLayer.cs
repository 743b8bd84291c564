using System.Text.Json.Nodes;
using KerasClassifier.Keras.Backend;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Layers;

/// <summary>
/// The base of Keras's random augmentation layers: active only in training, drawing from the
/// layer's own seeded generator so that a run repeats exactly for the same seed.
/// </summary>
public abstract class RandomLayer : Layer
{
    private Generator? generator;

    /// <summary>Initializes a new instance of the <see cref="RandomLayer"/> class.</summary>
    /// <param name="seed">The seed; null draws one from the global generator, which <c>SetRandomSeed</c> seeds.</param>
    /// <param name="name">The layer name.</param>
    protected RandomLayer(int? seed, string? name)
        : base(name, trainable: false)
    {
        Seed = seed;
    }

    /// <summary>Gets the seed as configured.</summary>
    public int? Seed { get; }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["seed"] = Seed;
        return config;
    }

    /// <inheritdoc/>
    protected override void ValidateInputShape(Shape inputShape) => RequireRank(inputShape, 4);

    /// <summary>Draws uniform values in [low, high) of the given shape on the input's device.</summary>
    private protected Tensor Uniform(long[] shape, double low, double high, Device device)
    {
        generator ??= CreateGenerator();
        var values = rand(shape, generator: generator);
        using var scaled = ScalarOps.MultiplyAdd(values, high - low, low);
        return scaled.to(device);
    }

    /// <summary>Copies the layer's generator state, or returns null while the layer has drawn nothing.</summary>
    internal byte[]? GetGeneratorState()
    {
        if (generator is null)
        {
            return null;
        }

        using var state = generator.get_state();
        return state.data<byte>().ToArray();
    }

    /// <summary>Restores a state from <see cref="GetGeneratorState"/>; null drops the generator, so the next draw creates it as at the start.</summary>
    internal void SetGeneratorState(byte[]? state)
    {
        if (state is null)
        {
            generator = null;
            return;
        }

        generator ??= new Generator(0, CPU);
        using var tensor = TorchSharp.torch.tensor(state, ScalarType.Byte);
        generator.set_state(tensor);
    }

    private Generator CreateGenerator()
    {
        var seed = Seed ?? randint(0, int.MaxValue, [1]).item<long>();
        return new Generator((ulong)seed, CPU);
    }

    internal override Tensor Call(Tensor x, bool training) => training ? Augment(x) : x;

    /// <summary>Applies the augmentation to a batch in the backend layout (NCHW).</summary>
    private protected abstract Tensor Augment(Tensor x);

    /// <summary>Checks a Keras factor argument: a number f in [0, limit] means (-f, f); a pair gives (low, high).</summary>
    private protected static (double Low, double High) ParseFactor(double[] factor, string paramName, double limit = double.PositiveInfinity)
    {
        ArgumentNullException.ThrowIfNull(factor, paramName);
        var (low, high) = factor.Length switch
        {
            1 => (-factor[0], factor[0]),
            2 => (factor[0], factor[1]),
            _ => throw new ArgumentException($"Invalid {paramName} with {factor.Length} values; expected one number or a (lower, upper) pair.", paramName),
        };

        if (low > high || double.IsNaN(low) || double.IsNaN(high) || Math.Abs(low) > limit || Math.Abs(high) > limit)
        {
            throw new ArgumentOutOfRangeException(
                paramName, $"({low}, {high})", $"Invalid {paramName} ({low}, {high}); expected lower <= upper, each within [-{limit}, {limit}].");
        }

        return (low, high);
    }

    /// <summary>Gets the device-independent layout helper for the channel axis of an NCHW batch.</summary>
    private protected static long ChannelAxis => TensorLayout.ChannelAxis(4);
}
