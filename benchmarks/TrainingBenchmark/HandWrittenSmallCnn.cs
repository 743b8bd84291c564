using KerasClassifier.Keras.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace KerasClassifier.Benchmarks;

/// <summary>
/// The default CNN written directly with torch.nn modules, as a TorchSharp user would write it:
/// rescaling, four Conv2d + BatchNorm2d + ReLU blocks (max pooling after the first three), global
/// average pooling, dropout, a linear head and softmax. Input is NCHW.
/// </summary>
internal sealed class HandWrittenSmallCnn : Module<Tensor, Tensor>
{
    private static readonly long[] Filters = [32, 64, 128, 256];

    private readonly Sequential features;
    private readonly Sequential head;
    private readonly List<Conv2d> convs = [];
    private readonly List<BatchNorm2d> norms = [];
    private readonly Linear dense;

    /// <summary>Initializes a new instance of the <see cref="HandWrittenSmallCnn"/> class.</summary>
    /// <param name="channels">The input channels.</param>
    /// <param name="classes">The output classes.</param>
    /// <param name="dropout">The dropout rate before the head.</param>
    public HandWrittenSmallCnn(long channels, long classes, double dropout)
        : base(nameof(HandWrittenSmallCnn))
    {
        var blocks = new List<(string, Module<Tensor, Tensor>)>();
        var inputs = channels;
        for (var i = 0; i < Filters.Length; i++)
        {
            // Keras's momentum 0.9 is PyTorch's 0.1; epsilon as in the library's BatchNormalization.
            convs.Add(Conv2d(inputs, Filters[i], 3, padding: 1, bias: false));
            norms.Add(BatchNorm2d(Filters[i], eps: 1e-3, momentum: 0.1));
            blocks.Add(($"conv{i}", convs[i]));
            blocks.Add(($"bn{i}", norms[i]));
            blocks.Add(($"relu{i}", ReLU()));
            if (i < Filters.Length - 1)
            {
                blocks.Add(($"pool{i}", MaxPool2d(2)));
            }

            inputs = Filters[i];
        }

        features = Sequential(blocks);
        dense = Linear(inputs, classes);
        head = Sequential(
            ("pool", AdaptiveAvgPool2d(1)),
            ("flatten", Flatten()),
            ("dropout", Dropout(dropout)),
            ("dense", dense),
            ("softmax", Softmax(1)));
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input) => head.call(features.call(input * (1.0 / 255)));

    /// <summary>Copies the weights of a library SmallCnn into this module, converting Keras layouts to PyTorch's.</summary>
    /// <param name="source">A built SmallCnn without augmentation layers.</param>
    /// <param name="channelsLast">Whether convolution kernels get channels_last strides.</param>
    public void CopyFrom(KerasClassifier.Keras.Models.Model source, bool channelsLast)
    {
        var sourceConvs = source.Layers.OfType<Conv2D>().ToArray();
        var sourceNorms = source.Layers.OfType<BatchNormalization>().ToArray();
        var sourceDense = source.Layers.OfType<Dense>().Single();
        for (var i = 0; i < Filters.Length; i++)
        {
            convs[i].weight = WeightCopy.Conv2DKernel(sourceConvs[i].Weights[0], channelsLast);
            WeightCopy.BatchNorm(norms[i], sourceNorms[i]);
        }

        WeightCopy.Into(dense.weight, sourceDense.Weights[0], transpose: true);
        WeightCopy.Into(dense.bias!, sourceDense.Weights[1]);
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            features.Dispose();
            head.Dispose();
        }

        base.Dispose(disposing);
    }
}
