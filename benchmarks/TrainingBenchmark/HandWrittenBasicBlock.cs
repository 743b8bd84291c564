using KerasClassifier.Keras.Applications;
using KerasClassifier.Keras.Layers;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace KerasClassifier.Benchmarks;

/// <summary>
/// ResNet's basic block written with torch.nn modules: two 3x3 Conv2d + BatchNorm2d, added to the
/// input or to its 1x1 Conv2d + BatchNorm2d projection, then ReLU. Input is NCHW.
/// </summary>
internal sealed class HandWrittenBasicBlock : Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Conv2d conv2;
    private readonly BatchNorm2d bn2;
    private readonly Conv2d? shortcutConv;
    private readonly BatchNorm2d? shortcutBn;

    /// <summary>Initializes a new instance of the <see cref="HandWrittenBasicBlock"/> class.</summary>
    /// <param name="inputs">The input channels.</param>
    /// <param name="filters">The output channels of both convolutions.</param>
    /// <param name="stride">The stride of the first convolution and of the projection.</param>
    /// <param name="projectShortcut">Whether the shortcut is a 1x1 convolution with batch normalization.</param>
    public HandWrittenBasicBlock(long inputs, long filters, long stride, bool projectShortcut)
        : base(nameof(HandWrittenBasicBlock))
    {
        // Padding 1 on every side, as the library's block pads before a stride-2 convolution. Epsilon
        // 1e-5 as in the library's ResNet18. Keras's default momentum 0.99 is PyTorch's 0.01.
        conv1 = Conv2d(inputs, filters, 3, stride: stride, padding: 1, bias: false);
        bn1 = BatchNorm2d(filters, eps: 1e-5, momentum: 0.01);
        conv2 = Conv2d(filters, filters, 3, padding: 1, bias: false);
        bn2 = BatchNorm2d(filters, eps: 1e-5, momentum: 0.01);
        if (projectShortcut)
        {
            shortcutConv = Conv2d(inputs, filters, 1, stride: stride, bias: false);
            shortcutBn = BatchNorm2d(filters, eps: 1e-5, momentum: 0.01);
        }

        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        var y = functional.relu(bn1.call(conv1.call(input)));
        y = bn2.call(conv2.call(y));
        var shortcut = shortcutConv is null ? input : shortcutBn!.call(shortcutConv.call(input));
        return functional.relu(y + shortcut);
    }

    /// <summary>Copies the weights of a library block into this module.</summary>
    /// <param name="source">A built block with the same filters, stride and shortcut.</param>
    /// <param name="channelsLast">Whether convolution kernels get channels_last strides.</param>
    public void CopyFrom(ResNetBasicBlock source, bool channelsLast)
    {
        // The block lists its sublayers in call order: main path first, then the projection.
        var convs = source.Layers.OfType<Conv2D>().ToArray();
        var norms = source.Layers.OfType<BatchNormalization>().ToArray();
        conv1.weight = WeightCopy.Conv2DKernel(convs[0].Weights[0], channelsLast);
        conv2.weight = WeightCopy.Conv2DKernel(convs[1].Weights[0], channelsLast);
        WeightCopy.BatchNorm(bn1, norms[0]);
        WeightCopy.BatchNorm(bn2, norms[1]);
        if (shortcutConv is not null)
        {
            shortcutConv.weight = WeightCopy.Conv2DKernel(convs[2].Weights[0], channelsLast);
            WeightCopy.BatchNorm(shortcutBn!, norms[2]);
        }
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            conv1.Dispose();
            bn1.Dispose();
            conv2.Dispose();
            bn2.Dispose();
            shortcutConv?.Dispose();
            shortcutBn?.Dispose();
        }

        base.Dispose(disposing);
    }
}
