using KerasClassifier.Keras.Applications;
using KerasClassifier.Keras.Layers;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace KerasClassifier.Benchmarks;

/// <summary>
/// The library's ResNet18 written directly with torch.nn modules: a 7x7 stride-2 Conv2d stem with
/// BatchNorm2d, ReLU and 3x3 stride-2 max pooling, [2, 2, 2, 3] basic blocks of 64 to 512 filters,
/// global average pooling, a linear head and softmax. Input is NCHW, pixel values as given.
/// </summary>
internal sealed class HandWrittenResNet18 : Module<Tensor, Tensor>
{
    private readonly Conv2d stem;
    private readonly BatchNorm2d stemNorm;
    private readonly Sequential features;
    private readonly List<HandWrittenBasicBlock> blocks = [];
    private readonly Linear dense;
    private readonly Sequential head;

    /// <summary>Initializes a new instance of the <see cref="HandWrittenResNet18"/> class.</summary>
    /// <param name="channels">The input channels.</param>
    /// <param name="classes">The output classes.</param>
    public HandWrittenResNet18(long channels, long classes)
        : base(nameof(HandWrittenResNet18))
    {
        stem = Conv2d(channels, 64, 7, stride: 2, padding: 3, bias: false);
        stemNorm = BatchNorm2d(64, eps: 1e-5, momentum: 0.01);

        // The library pads with zeros before max pooling; after ReLU that equals PyTorch's padding.
        var layers = new List<(string, Module<Tensor, Tensor>)>
        {
            ("conv1", stem),
            ("bn1", stemNorm),
            ("relu1", ReLU()),
            ("pool1", MaxPool2d(3, stride: 2, padding: 1)),
        };

        long inputs = 64;
        for (var stage = 0; stage < ResNet18.StageBlocks.Count; stage++)
        {
            for (var block = 0; block < ResNet18.StageBlocks[stage]; block++)
            {
                var downsample = stage > 0 && block == 0;
                var filters = ResNet18.StageFilters[stage];
                blocks.Add(new HandWrittenBasicBlock(inputs, filters, downsample ? 2 : 1, downsample));
                layers.Add(($"stage{stage + 2}_block{block + 1}", blocks[^1]));
                inputs = filters;
            }
        }

        features = Sequential(layers);
        dense = Linear(inputs, classes);
        head = Sequential(
            ("pool", AdaptiveAvgPool2d(1)),
            ("flatten", Flatten()),
            ("dense", dense),
            ("softmax", Softmax(1)));
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input) => head.call(features.call(input));

    /// <summary>Copies the weights of a library ResNet18 with a classifier top into this module.</summary>
    /// <param name="source">A built <see cref="ResNet18"/> model created with <c>includeTop: true</c>.</param>
    /// <param name="channelsLast">Whether convolution kernels get channels_last strides.</param>
    public void CopyFrom(KerasClassifier.Keras.Models.Model source, bool channelsLast)
    {
        stem.weight = WeightCopy.Conv2DKernel(source.Layers.OfType<Conv2D>().Single().Weights[0], channelsLast);
        WeightCopy.BatchNorm(stemNorm, source.Layers.OfType<BatchNormalization>().Single());

        var sourceBlocks = source.Layers.OfType<ResNetBasicBlock>().ToArray();
        for (var i = 0; i < blocks.Count; i++)
        {
            blocks[i].CopyFrom(sourceBlocks[i], channelsLast);
        }

        var sourceDense = source.Layers.OfType<Dense>().Single();
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
