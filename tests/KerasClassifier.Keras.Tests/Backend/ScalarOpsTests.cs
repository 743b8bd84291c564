using KerasClassifier.Keras.Backend;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Tests.Backend;

public class ScalarOpsTests
{
    private static float[] Values(Tensor t) => t.to_type(ScalarType.Float32).data<float>().ToArray();

    [Fact]
    public void MultiplyAdd_matches_operators()
    {
        using var x = tensor(new float[] { -1.5f, 0f, 2f, 7.25f });

        using var result = ScalarOps.MultiplyAdd(x, 0.5, -3);

        Assert.Equal([-3.75f, -3f, -2f, 0.625f], Values(result));
        Assert.Equal([-1.5f, 0f, 2f, 7.25f], Values(x));
    }

    [Fact]
    public void Multiply_and_add_in_place()
    {
        using var x = tensor(new float[] { 1f, -2f });

        using var product = ScalarOps.Multiply(x, -2);
        ScalarOps.AddInPlace(x, 0.5);

        Assert.Equal([-2f, 4f], Values(product));
        Assert.Equal([1.5f, -1.5f], Values(x));
    }

    [Fact]
    public void LessThan_and_clamp()
    {
        using var x = tensor(new float[] { 0.2f, 0.5f, 0.9f });

        using var below = ScalarOps.LessThan(x, 0.5);
        using var clamped = ScalarOps.Clamp(x, 0.3, 0.6);

        Assert.Equal([1f, 0f, 0f], Values(below));
        Assert.Equal([0.3f, 0.5f, 0.6f], Values(clamped));
    }

    [Fact]
    public void Add_sums_tensors()
    {
        using var x = tensor(new float[] { 1f, 2f });
        using var y = tensor(new float[] { 10f, -20f });

        using var sum = ScalarOps.Add(x, y);

        Assert.Equal([11f, -18f], Values(sum));
    }

    [Fact]
    public void MovingAverage_updates_in_place()
    {
        using var average = tensor(new float[] { 10f, 0f });
        using var value = tensor(new float[] { 20f, 4f });

        ScalarOps.MovingAverageInPlace(average, 0.9, value, 0.1);

        Assert.Equal(11f, Values(average)[0], 5);
        Assert.Equal(0.4f, Values(average)[1], 5);
    }
}
