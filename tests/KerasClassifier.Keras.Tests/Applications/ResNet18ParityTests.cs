using KerasClassifier.Keras.Applications;
using KerasClassifier.Keras.Data;
using KerasClassifier.Keras.Tests.Testing;
using Xunit.Abstractions;

namespace KerasClassifier.Keras.Tests.Applications;

/// <summary>
/// Compares our ResNet18 with ImageNet weights against ONNX Runtime running the weight file itself,
/// on the same preprocessed 224x224 input.
/// </summary>
public class ResNet18ParityTests : IClassFixture<ResNet18Fixture>
{
    // Both compute in float32 with different kernels and summation orders. Features reach about 15
    // on photos, and the differences measured on 2 CPU threads stayed below 1e-5.
    private const double Tolerance = 1e-4;

    private readonly ResNet18Fixture fixture;
    private readonly ITestOutputHelper output;

    public ResNet18ParityTests(ResNet18Fixture fixture, ITestOutputHelper output)
    {
        this.fixture = fixture;
        this.output = output;
    }

    [Fact]
    public void Parity_GroceryPhotos()
    {
        var photos = Dataset.FromDirectory(SharedData.Path("grocery/val"), imageSize: (224, 224), batchSize: 4, shuffle: false, interpolation: "mitchellcubic")
            .Take(1)
            .Single();
        var input = ResNet18.PreprocessInput(new NDArray(photos.Images, photos.Count, 224, 224, 3));

        var ours = fixture.Features.Predict(input, batchSize: 4);

        Assert.Equal([photos.Count, 512], ours.Shape);
        for (var i = 0; i < photos.Count; i++)
        {
            var image = input.Data.AsSpan(i * 224 * 224 * 3, 224 * 224 * 3).ToArray();
            var expected = fixture.RunOnnx(image);
            var actual = ours.Data.AsSpan(i * 512, 512).ToArray();
            Assert.True(expected.Max() > 1, "ONNX features of a photo should not be near zero");
            output.WriteLine($"photo {i}: max |difference| {MaxDifference(expected, actual):E2}, largest feature {expected.Max():F3}");
            TensorAssert.Close(expected, actual, Tolerance);
        }
    }

    [Fact]
    public void Parity_RandomInput()
    {
        var random = new Random(7);
        var image = Enumerable.Range(0, 224 * 224 * 3).Select(_ => (float)(random.NextDouble() * 255 - 120)).ToArray();

        var ours = fixture.Features.Predict(new NDArray(image, 1, 224, 224, 3));
        var expected = fixture.RunOnnx(image);

        output.WriteLine($"random input: max |difference| {MaxDifference(expected, ours.Data):E2}, largest feature {expected.Max():F3}");
        TensorAssert.Close(expected, ours.Data, Tolerance);
    }

    private static double MaxDifference(float[] expected, float[] actual) =>
        expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
}
