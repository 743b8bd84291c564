using KerasClassifier.Keras.Saving.SavedModel;

namespace KerasClassifier.Keras.Tests.Saving.SavedModel;

public sealed class OptimizerSlotNamesTests
{
    [Theory]
    [InlineData("Adam", "m", "momentum", 0)]
    [InlineData("Adam", "v", "velocity", 1)]
    [InlineData("Adam", "vhat", "velocity_hat", 2)]
    [InlineData("SGD", "momentum", "momentum", 0)]
    [InlineData("SGD", "m", "momentum", 0)]
    [InlineData("RMSprop", "rms", "velocity", 0)]
    [InlineData("RMSprop", "mg", "average_gradient", 2)]
    [InlineData("Adamax", "u", "norm", 1)]
    [InlineData("Adadelta", "accum_var", "accumulated_delta_var", 1)]
    public void ToKeras3_KnownSlots(string optimizer, string stored, string expectedName, int expectedRank)
    {
        var (name, rank) = OptimizerSlotNames.ToKeras3(optimizer, stored);

        Assert.Equal(expectedName, name);
        Assert.Equal(expectedRank, rank);
    }

    [Fact]
    public void ToKeras3_UnknownSlotKeepsName()
    {
        var (name, rank) = OptimizerSlotNames.ToKeras3("Custom", "state");

        Assert.Equal("state", name);
        Assert.Equal(int.MaxValue, rank);
    }
}
