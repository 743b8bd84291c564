using KerasClassifier.Keras;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace KerasClassifier.Benchmarks;

/// <summary>
/// The reference contender: a training and prediction loop written directly against TorchSharp, over
/// the same in-memory images as the library's <c>Fit</c> and <c>Predict</c>.
/// </summary>
/// <remarks>
/// Each step takes a shuffled batch from one NHWC tensor, permutes it to NCHW, runs the module, the
/// same clipped cross-entropy on softmax outputs as Keras's <c>sparse_categorical_crossentropy</c>,
/// backward and <c>torch.optim.Adam</c> (learning rate 1e-3, epsilon 1e-7). Loss and accuracy
/// accumulate on the device and are read once per epoch unless <see cref="ReadLossEveryStep"/> is set.
/// </remarks>
internal sealed class HandWrittenLoop : IDisposable
{
    private const double ClipEpsilon = 1e-7;

    private readonly nn.Module<Tensor, Tensor> module;
    private readonly optim.Optimizer optimizer;
    private readonly Tensor images;
    private readonly Tensor labels;
    private readonly int batchSize;
    private readonly Generator generator;

    /// <summary>Initializes a new instance of the <see cref="HandWrittenLoop"/> class.</summary>
    /// <param name="module">The model, NCHW in, class probabilities out.</param>
    /// <param name="x">The images, (examples, height, width, channels).</param>
    /// <param name="y">The labels.</param>
    /// <param name="batchSize">The examples per step.</param>
    /// <param name="seed">The shuffle seed.</param>
    public HandWrittenLoop(nn.Module<Tensor, Tensor> module, NDArray x, int[] y, int batchSize, int seed)
    {
        this.module = module;
        this.batchSize = batchSize;
        optimizer = optim.Adam(module.parameters(), lr: 1e-3, eps: 1e-7);
        images = tensor(x.Data, x.Shape.Select(d => (long)d).ToArray());
        labels = tensor(y.Select(v => (long)v).ToArray());
        generator = new Generator((ulong)seed);
    }

    /// <summary>Gets or sets a value indicating whether the loss is copied to the host after every step, as a per-step NaN check would.</summary>
    public bool ReadLossEveryStep { get; set; }

    /// <summary>Gets or sets a value indicating whether inputs keep their NHWC memory (channels_last strides) instead of being made NCHW-contiguous.</summary>
    public bool ChannelsLastInputs { get; set; }

    /// <summary>Gets or sets a value indicating whether prediction runs under <c>torch.inference_mode</c> instead of <c>torch.no_grad</c>.</summary>
    public bool InferenceMode { get; set; }

    /// <summary>Gets the number of examples.</summary>
    public long Examples => images.shape[0];

    /// <summary>Trains one epoch over the first <paramref name="examples"/> images, reshuffled.</summary>
    /// <param name="examples">How many of the images form the epoch, at most all of them; null for all.</param>
    /// <returns>The mean loss, read once at the end.</returns>
    public double TrainEpoch(long? examples = null)
    {
        var count = Math.Min(examples ?? Examples, Examples);
        module.train();
        using var epochScope = NewDisposeScope();
        var order = randperm(count, generator: generator);
        var lossSum = zeros(1, ScalarType.Float64);
        var correct = zeros(1, ScalarType.Int64);
        for (long start = 0; start < count; start += batchSize)
        {
            using var stepScope = NewDisposeScope();
            var index = order.narrow(0, start, Math.Min(batchSize, count - start));
            var inputs = ToModelLayout(images.index_select(0, index));
            var targets = labels.index_select(0, index);

            optimizer.zero_grad();
            var probabilities = module.call(inputs);
            var loss = ClippedCrossEntropy(probabilities, targets);
            loss.backward();
            optimizer.step();

            using (no_grad())
            {
                lossSum.add_(loss.detach() * index.shape[0]);
                correct.add_(probabilities.argmax(1).eq(targets).sum());
            }

            if (ReadLossEveryStep && !float.IsFinite(loss.item<float>()))
            {
                throw new InvalidOperationException("The loss became non-finite.");
            }
        }

        return lossSum.item<double>() / count;
    }

    /// <summary>Predicts class probabilities for the images, batch by batch, and copies them to the host.</summary>
    /// <param name="examples">How many of the images to predict, at most all of them; null for all.</param>
    /// <returns>The probabilities, row-major (examples, classes).</returns>
    public float[] Predict(long? examples = null)
    {
        var count = Math.Min(examples ?? Examples, Examples);
        module.eval();
        var outputs = new List<float>();
        using var mode = InferenceMode ? inference_mode() : no_grad();
        for (long start = 0; start < count; start += batchSize)
        {
            using var stepScope = NewDisposeScope();
            var batch = ToModelLayout(images.narrow(0, start, Math.Min(batchSize, count - start)));
            outputs.AddRange(module.call(batch).cpu().data<float>().ToArray());
        }

        return [.. outputs];
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        optimizer.Dispose();
        images.Dispose();
        labels.Dispose();
        generator.Dispose();
    }

    private static Tensor ClippedCrossEntropy(Tensor probabilities, Tensor targets)
    {
        var normalized = probabilities / probabilities.sum(1, keepdim: true);
        return F.nll_loss(normalized.clamp(ClipEpsilon, 1 - ClipEpsilon).log(), targets);
    }

    private Tensor ToModelLayout(Tensor nhwc)
    {
        var nchw = nhwc.permute(0, 3, 1, 2);
        return ChannelsLastInputs ? nchw : nchw.contiguous();
    }
}
