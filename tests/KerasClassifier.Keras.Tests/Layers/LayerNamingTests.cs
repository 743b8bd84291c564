using KerasClassifier.Keras.Layers;

namespace KerasClassifier.Keras.Tests.Layers;

public class LayerNamingTests
{
    [Theory]
    [InlineData("Conv2D", "conv2d")]
    [InlineData("MaxPooling2D", "max_pooling2d")]
    [InlineData("BatchNormalization", "batch_normalization")]
    [InlineData("GlobalAveragePooling2D", "global_average_pooling2d")]
    [InlineData("ReLU", "re_lu")]
    [InlineData("DepthwiseConv2D", "depthwise_conv2d")]
    public void Snake_case_follows_keras(string className, string expected)
    {
        Assert.Equal(expected, Layer.ToSnakeCase(className));
    }
}
