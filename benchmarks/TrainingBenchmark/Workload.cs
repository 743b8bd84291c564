using KerasClassifier.Keras;
using KerasClassifier.Keras.Applications;
using KerasClassifier.Keras.Models;
using static TorchSharp.torch;

namespace KerasClassifier.Benchmarks;

/// <summary>A benchmark workload: a model, an image size, a batch size and synthetic data.</summary>
/// <param name="Name">The short name used on the command line and in results, <c>w1</c> or <c>w2</c>.</param>
/// <param name="Description">What the workload trains, for the results table.</param>
/// <param name="ImageSize">The image height and width in pixels.</param>
/// <param name="BatchSize">The examples per step.</param>
/// <param name="Classes">The number of classes.</param>
internal sealed record Workload(string Name, string Description, int ImageSize, int BatchSize, int Classes)
{
    /// <summary>The default CNN at 64x64, batch 32, no augmentation.</summary>
    public static readonly Workload W1 = new("w1", "SmallCnn 64x64, batch 32", 64, 32, 10);

    /// <summary>ResNet-18 ([2, 2, 2, 3] basic blocks) at 128x128, batch 16, random initialisation.</summary>
    public static readonly Workload W2 = new("w2", "ResNet18 128x128, batch 16", 128, 16, 10);

    /// <summary>Returns the workload with the given name.</summary>
    /// <param name="name">The name, <c>w1</c> or <c>w2</c>.</param>
    /// <returns>The workload.</returns>
    public static Workload Get(string name) => name switch
    {
        "w1" => W1,
        "w2" => W2,
        _ => throw new ArgumentException($"Invalid workload '{name}'; expected w1 or w2.", nameof(name)),
    };

    /// <summary>Creates the library model, uncompiled.</summary>
    /// <returns>A built model.</returns>
    public Sequential CreateModel() => Name == W2.Name
        ? ResNet18.Create(includeTop: true, inputShape: [ImageSize, ImageSize, 3], classes: Classes)
        : SmallCnn.Create([ImageSize, ImageSize, 3], Classes);

    /// <summary>Creates the hand-written torch.nn model with the library model's initial weights.</summary>
    /// <param name="source">The library model from <see cref="CreateModel"/>, before any training.</param>
    /// <param name="channelsLast">Whether convolution kernels use channels_last strides.</param>
    /// <returns>The module, in training mode.</returns>
    public nn.Module<Tensor, Tensor> CreateHandWritten(Model source, bool channelsLast)
    {
        if (Name == W2.Name)
        {
            var resNet = new HandWrittenResNet18(3, Classes);
            resNet.CopyFrom(source, channelsLast);
            return resNet;
        }

        var module = new HandWrittenSmallCnn(3, Classes, 0.3);
        module.CopyFrom(source, channelsLast);
        return module;
    }

    /// <summary>Creates random images of 0..255 pixel values and uniform random labels.</summary>
    /// <param name="examples">The number of images.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>Images (examples, height, width, 3) and one label per image.</returns>
    public (NDArray X, int[] Y) CreateData(int examples, int seed)
    {
        var random = new Random(seed);
        var pixels = new float[(long)examples * ImageSize * ImageSize * 3];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = random.Next(256);
        }

        var labels = Enumerable.Range(0, examples).Select(_ => random.Next(Classes)).ToArray();
        return (new NDArray(pixels, examples, ImageSize, ImageSize, 3), labels);
    }
}
