using KerasClassifier.Keras.Data;
using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Tests.Testing;

namespace KerasClassifier.Keras.Tests.Layers;

public class PreprocessingLayerTests
{
    private static NDArray Ramp(int batch, int height, int width, int channels = 1)
    {
        var data = new float[batch * height * width * channels];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = i % (height * width * channels) + 10;
        }

        return new NDArray(data, batch, height, width, channels);
    }

    private static float[] Image(NDArray batch, int index)
    {
        var size = batch.Data.Length / batch.Shape[0];
        return batch.Data.AsSpan(index * size, size).ToArray();
    }

    private static float[] FlipLeftRight(float[] image, int height, int width) =>
        Enumerable.Range(0, height).SelectMany(r => Enumerable.Range(0, width).Select(c => image[r * width + (width - 1 - c)])).ToArray();

    [Fact]
    public void RandomFlip_flips_some_images_and_keeps_others()
    {
        var input = Ramp(32, 3, 4);

        var output = LayerCall.Run(new RandomFlip("horizontal", seed: 7), input, training: true);

        var flipped = 0;
        for (var i = 0; i < 32; i++)
        {
            var image = Image(output, i);
            var original = Image(input, i);
            if (!image.SequenceEqual(original))
            {
                Assert.Equal(FlipLeftRight(original, 3, 4), image);
                flipped++;
            }
        }

        Assert.InRange(flipped, 4, 28);
    }

    [Fact]
    public void Random_layers_pass_through_in_inference()
    {
        var input = Ramp(2, 6, 6, 3);
        Layer[] layers =
        [
            new RandomFlip(seed: 1),
            new RandomRotation([0.2], seed: 1),
            new RandomZoom([0.3], seed: 1),
            new RandomTranslation([0.2], [0.2], seed: 1),
            new RandomContrast([0.5], seed: 1),
            new RandomBrightness([0.2], seed: 1),
        ];

        foreach (var layer in layers)
        {
            Assert.Equal(input.Data, LayerCall.Run(layer, input, training: false).Data);
        }
    }

    [Fact]
    public void Same_seed_repeats_augmentation()
    {
        var input = Ramp(4, 8, 8, 3);

        var first = LayerCall.Run(new RandomRotation([0.25], seed: 42), input, training: true);
        var second = LayerCall.Run(new RandomRotation([0.25], seed: 42), input, training: true);
        var other = LayerCall.Run(new RandomRotation([0.25], seed: 43), input, training: true);

        Assert.Equal(first.Data, second.Data);
        Assert.NotEqual(first.Data, other.Data);
        Assert.NotEqual(input.Data, first.Data);
    }

    [Fact]
    public void Zero_factors_leave_images_unchanged()
    {
        var input = Ramp(2, 5, 7, 2);

        TensorAssert.Close(input.Data, LayerCall.Run(new RandomRotation([0.0], seed: 1), input, training: true).Data, 1e-3);
        TensorAssert.Close(input.Data, LayerCall.Run(new RandomZoom([0.0], seed: 1), input, training: true).Data, 1e-3);
        TensorAssert.Close(input.Data, LayerCall.Run(new RandomTranslation([0.0], [0.0], seed: 1), input, training: true).Data, 1e-3);
    }

    [Fact]
    public void RandomContrast_keeps_channel_mean()
    {
        var input = Ramp(3, 4, 4, 1);

        var output = LayerCall.Run(new RandomContrast([0.5], seed: 3), input, training: true);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(Image(input, i).Average(), Image(output, i).Average(), 3);
        }
    }

    [Fact]
    public void RandomBrightness_adds_one_offset_per_image_and_clips()
    {
        var input = new NDArray([0, 100, 250, 0, 100, 250], 2, 1, 3, 1);

        var output = LayerCall.Run(new RandomBrightness([0.1, 0.1], seed: 3), input, training: true);

        // A fixed offset of 0.1 * 255 = 25.5, clipped at 255.
        TensorAssert.Close([25.5f, 125.5f, 255, 25.5f, 125.5f, 255], output.Data, 1e-4);
    }

    [Fact]
    public void RandomCrop_takes_window_in_training_and_centre_in_inference()
    {
        var input = Ramp(1, 6, 6);

        var training = LayerCall.Run(new RandomCrop(2, 2, seed: 5), input, training: true);
        var inference = LayerCall.Run(new RandomCrop(2, 2, seed: 5), input, training: false);

        Assert.Equal(new[] { 1, 2, 2, 1 }, training.Shape);
        var topLeft = training.Data[0] - 10;
        var (row, column) = ((int)topLeft / 6, (int)topLeft % 6);
        Assert.Equal([topLeft + 10, topLeft + 11, topLeft + 16, topLeft + 17], training.Data);
        Assert.InRange(row, 0, 4);
        Assert.InRange(column, 0, 4);
        Assert.Equal([24f, 25, 30, 31], inference.Data);
    }

    [Fact]
    public void Resizing_uses_half_pixel_centres()
    {
        var output = LayerCall.Run(new Resizing(4, 4), new NDArray([0, 1, 2, 3], 1, 2, 2, 1), training: false);

        // Rows contribute 0, 0.5, 1.5, 2 and columns 0, 0.25, 0.75, 1 (TensorFlow's bilinear resize).
        float[] rows = [0, 0.5f, 1.5f, 2];
        float[] columns = [0, 0.25f, 0.75f, 1];
        var expected = rows.SelectMany(r => columns.Select(c => r + c)).ToArray();
        TensorAssert.Close(expected, output.Data);
    }

    [Fact]
    public void CenterCrop_takes_middle()
    {
        var output = LayerCall.Run(new CenterCrop(2, 2), Ramp(1, 4, 4), training: false);

        Assert.Equal([15f, 16, 19, 20], output.Data);
    }

    [Fact]
    public void Normalization_adapts_to_zero_mean_unit_variance()
    {
        var images = new float[] { 0, 10, 2, 30, 4, 50, 6, 70 };
        var data = Dataset.FromTensors(images, [0, 0], 2, 1, 2).Batch(2);
        var normalization = new Normalization();

        normalization.Adapt(data);
        var output = LayerCall.Run(normalization, new NDArray(images, 2, 2, 1, 2), training: false);

        var channel0 = output.Data.Where((_, i) => i % 2 == 0).ToArray();
        var channel1 = output.Data.Where((_, i) => i % 2 == 1).ToArray();
        Assert.Equal(0, channel0.Average(), 4);
        Assert.Equal(0, channel1.Average(), 4);
        Assert.Equal(1, channel1.Select(v => v * v).Average(), 4);
    }

    [Fact]
    public void Normalization_without_statistics_explains()
    {
        var error = Assert.Throws<InvalidOperationException>(() => LayerCall.Run(new Normalization(name: "norm"), Ramp(1, 2, 2), training: false));

        Assert.Contains("Adapt", error.Message);
    }

    [Fact]
    public void Invalid_factor_rejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new RandomRotation([0.5, 0.1]));

        Assert.Equal("factor", error.ParamName);
    }
}
