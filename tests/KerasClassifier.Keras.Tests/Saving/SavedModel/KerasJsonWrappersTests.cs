using System.Text.Json.Nodes;
using KerasClassifier.Keras.Saving.SavedModel;

namespace KerasClassifier.Keras.Tests.Saving.SavedModel;

public sealed class KerasJsonWrappersTests
{
    [Theory]
    [InlineData("""{"class_name": "__tuple__", "items": [null, 28, {"class_name": "__tuple__", "items": [1]}]}""", "[null,28,[1]]")]
    [InlineData("""{"class_name": "TensorShape", "items": [null, 784]}""", "[null,784]")]
    [InlineData("""{"class_name": "TensorShape", "items": null}""", "null")]
    [InlineData("""{"class_name": "TypeSpec", "type_spec": "tf.TensorSpec", "serialized": [{"class_name": "TensorShape", "items": [null, 2]}, "float32", "x"]}""", """[[null,2],"float32","x"]""")]
    [InlineData("""{"class_name": "__bytes__", "value": "abc"}""", "\"abc\"")]
    [InlineData("""{"class_name": "__ellipsis__"}""", "\"...\"")]
    [InlineData("""{"name": "d", "shared_object_id": 4, "config": {"units": 3, "shared_object_id": 5}}""", """{"name":"d","config":{"units":3}}""")]
    [InlineData("""{"class_name": "Dense", "config": {"units": 3}}""", """{"class_name":"Dense","config":{"units":3}}""")]
    public void Unwrap_DecodesWrappers(string json, string expected)
    {
        var decoded = KerasJsonWrappers.Unwrap(JsonNode.Parse(json));

        Assert.Equal(expected, decoded?.ToJsonString() ?? "null");
    }
}
