using KerasClassifier.Keras.Saving.SavedModel;

namespace KerasClassifier.Keras.Tests.Saving.SavedModel;

public sealed class OptimizerSlotNamesTests
{
    [Theory]
    [InlineData("Adam", "m", "momentum", 0, 0)]
    [InlineData("Adam", "v", "velocity", 0, 1)]
    [InlineData("Adam", "vhat", "velocity_hat", 1, 2)]
    [InlineData("SGD", "momentum", "momentum", 0, 0)]
    [InlineData("SGD", "m", "momentum", 0, 0)]
    [InlineData("RMSprop", "rms", "velocity", 0, 0)]
    [InlineData("RMSprop", "mg", "average_gradient", 2, 2)]
    [InlineData("Adamax", "u", "norm", 0, 1)]
    [InlineData("Adadelta", "accum_var", "accumulated_delta_var", 1, 1)]
    public void ToKeras3_KnownSlots(string optimizer, string stored, string expectedName, int expectedGroup, int expectedRank)
    {
        var (name, group, rank) = OptimizerSlotNames.ToKeras3(optimizer, stored);

        Assert.Equal(expectedName, name);
        Assert.Equal(expectedGroup, group);
        Assert.Equal(expectedRank, rank);
    }

    [Fact]
    public void ToKeras3_UnknownSlotKeepsName()
    {
        var (name, group, rank) = OptimizerSlotNames.ToKeras3("Custom", "state");

        Assert.Equal("state", name);
        Assert.Equal(int.MaxValue, group);
        Assert.Equal(int.MaxValue, rank);
    }
}
