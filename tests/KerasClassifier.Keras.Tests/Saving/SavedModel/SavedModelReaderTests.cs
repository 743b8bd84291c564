using System.Text.Json.Nodes;
using Google.Protobuf;
using KerasClassifier.Keras.Saving.SavedModel;
using KerasClassifier.Keras.Saving.SavedModel.Protos;
using KerasClassifier.Keras.Tests.Testing;

namespace KerasClassifier.Keras.Tests.Saving.SavedModel;

public sealed class SavedModelReaderTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Read_KerasMetadataFileFolder()
    {
        var contents = SavedModelReader.Read(SavedModelFolders.Path(SavedModelFolders.NumberGuesser));

        Assert.Equal(ArchitectureSource.KerasMetadataFile, contents.ArchitectureSource);
        Assert.Equal("_tf_keras_sequential", contents.RootIdentifier);
        Assert.Equal("Sequential", contents.ModelClassName);
        Assert.Equal("2.9.0", contents.KerasVersion);
        Assert.Equal("2.9.1", contents.TensorFlowVersion);
        Assert.Equal(new Shape(null, 28, 28), contents.BuildInputShape);
        Assert.True(contents.IsRebuildable);
        Assert.Equal(28, contents.TensorCount);
        Assert.Equal(["flatten", "dense", "dense_1", "dense_2"], contents.Layers.Select(l => l.Name));
        Assert.Equal(["Flatten", "Dense", "Dense", "Dense"], contents.Layers.Select(l => l.ClassName));
        Assert.Empty(contents.Layers[0].Weights);
        Assert.Equal(["kernel", "bias"], contents.Layers[1].Weights.Select(w => w.Name));
        Assert.Equal([784, 128], contents.Layers[1].Weights[0].Shape);
        Assert.Equal([10], contents.Layers[3].Weights[1].Shape);
        Assert.All(contents.Layers.SelectMany(l => l.Weights), w => Assert.True(w.Trainable));
    }

    [Fact]
    public void Read_ConfigWrappersDecoded()
    {
        var contents = SavedModelReader.Read(SavedModelFolders.Path(SavedModelFolders.NumberGuesser));

        var config = JsonNode.Parse(contents.ModelConfigJson!)!;
        var layers = config["config"]!["layers"]!.AsArray();

        Assert.Equal("Sequential", config["class_name"]!.GetValue<string>());
        Assert.Equal(["InputLayer", "Flatten", "Dense", "Dense", "Dense"], layers.Select(l => l!["class_name"]!.GetValue<string>()));
        Assert.Equal("[null,28,28]", layers[0]!["config"]!["batch_input_shape"]!.ToJsonString());
        Assert.DoesNotContain("__tuple__", contents.ModelConfigJson);
        Assert.DoesNotContain("shared_object_id", contents.ModelConfigJson);
        Assert.Equal("sparse_categorical_crossentropy", JsonNode.Parse(contents.TrainingConfigJson!)!["loss"]!.GetValue<string>());
    }

    [Fact]
    public void Read_LegacyAdamSlots()
    {
        var folder = SavedModelFolders.Path(SavedModelFolders.NumberGuesser);

        var state = SavedModelReader.Read(folder).OptimizerState!;
        var bundle = TensorBundleReader.Open(Path.Combine(folder, "variables", "variables"));

        Assert.Equal("Adam", state.ClassName);
        Assert.Equal(OptimizerLayout.Legacy, state.Layout);
        Assert.Equal(bundle.ReadTensor("optimizer/iter/.ATTRIBUTES/VARIABLE_VALUE").ToInt64Array()[0], state.Iterations);
        Assert.True(state.Iterations > 0);
        Assert.Equal(0.001, state.LearningRate!.Value, 6);
        Assert.Equal(0.9, state.Hyperparameters["beta_1"], 6);
        Assert.Equal(12, state.Slots.Count);
        Assert.Equal(["momentum", "velocity"], state.Slots.Take(2).Select(s => s.SlotName));
        Assert.Equal(["m", "v"], state.Slots.Take(2).Select(s => s.StoredSlotName));
        Assert.All(state.Slots.Take(2), s => Assert.Equal(("dense", "kernel"), (s.LayerName, s.WeightName)));
        Assert.Equal(
            bundle.ReadTensor("layer_with_weights-0/kernel/.OPTIMIZER_SLOT/optimizer/v/.ATTRIBUTES/VARIABLE_VALUE").ToFloat32Array(),
            state.Slots[1].Value.ToFloat32Array());
    }

    [Fact]
    public void Read_MetadataInsideSavedModelPb()
    {
        var contents = SavedModelReader.Read(SavedModelFolders.Path(SavedModelFolders.Digits));

        Assert.Equal(ArchitectureSource.SavedModelObjectMetadata, contents.ArchitectureSource);
        Assert.Equal("2.2.4-tf", contents.KerasVersion);
        Assert.Equal("2.1.0", contents.TensorFlowVersion);
        Assert.Equal(new Shape(null, 28, 28), contents.BuildInputShape);
        Assert.Equal(["flatten", "dense", "dense_1", "dense_2"], contents.Layers.Select(l => l.Name));
        Assert.Equal([784, 64], contents.Layers[1].Weights[0].Shape);
        Assert.Equal([64, 128], contents.Layers[2].Weights[0].Shape);
        Assert.Equal(12, contents.OptimizerState!.Slots.Count);
        Assert.True(contents.IsRebuildable);
    }

    [Fact]
    public void Read_BatchNormalizationWeightOrder()
    {
        var contents = SavedModelReader.Read(SavedModelFolders.Path(SavedModelFolders.Mnist));

        var batchNorm = contents.Layers.First(l => l.ClassName == "BatchNormalization");
        var trainableCount = contents.Layers.SelectMany(l => l.Weights).Count(w => w.Trainable);

        Assert.Equal(["gamma", "beta", "moving_mean", "moving_variance"], batchNorm.Weights.Select(w => w.Name));
        Assert.Equal([true, true, false, false], batchNorm.Weights.Select(w => w.Trainable));
        Assert.Equal([3, 3, 1, 32], contents.Layers[0].Weights[0].Shape);
        Assert.Equal(new Shape(null, 28, 28, 1), contents.BuildInputShape);
        Assert.Equal(2 * trainableCount, contents.OptimizerState!.Slots.Count);
        Assert.DoesNotContain(contents.OptimizerState.Slots, s => s.WeightName.StartsWith("moving_", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_LstmWeightsStoredOffLayerPath()
    {
        var contents = SavedModelReader.Read(SavedModelFolders.Path(SavedModelFolders.Lstm));

        var lstm = contents.Layers[0];

        Assert.Equal(("lstm", "LSTM"), (lstm.Name, lstm.ClassName));
        Assert.Equal(["kernel", "recurrent_kernel", "bias"], lstm.Weights.Select(w => w.Name));
        Assert.Equal([[1, 200], [50, 200], [200]], lstm.Weights.Select(w => w.Shape));
        Assert.All(lstm.Weights, w => Assert.StartsWith("variables/", w.CheckpointKey));
        Assert.Equal("lstm/lstm_cell/kernel", lstm.Weights[0].VariableName);
        Assert.Equal([120, 1], contents.Layers.Single(l => l.Name == "dense").Weights[0].Shape);
    }

    [Fact]
    public void Read_ModernAdamSlotsByName()
    {
        var contents = SavedModelReader.Read(SavedModelFolders.Path(SavedModelFolders.Lstm));

        var state = contents.OptimizerState!;
        var trainable = contents.Layers.SelectMany(l => l.Weights).Where(w => w.Trainable).ToList();

        Assert.Equal(OptimizerLayout.Modern, state.Layout);
        Assert.Equal("Adam", state.ClassName);
        Assert.True(state.Iterations > 0);
        Assert.Empty(state.Hyperparameters);
        Assert.Equal(2 * trainable.Count, state.Slots.Count);
        for (var i = 0; i < trainable.Count; i++)
        {
            Assert.Equal(trainable[i].Shape, state.Slots[2 * i].Value.Shape);
            Assert.Equal("momentum", state.Slots[2 * i].SlotName);
            Assert.Equal("velocity", state.Slots[(2 * i) + 1].SlotName);
            Assert.Equal("Adam/m/" + trainable[i].VariableName, state.Slots[2 * i].Value.VariableName);
        }
    }

    [Fact]
    public void Read_ModernAdamDenseModel()
    {
        var contents = SavedModelReader.Read(SavedModelFolders.Path(SavedModelFolders.Heat));

        Assert.Equal(["dense", "dense_1", "dense_2"], contents.Layers.Select(l => l.Name));
        Assert.Equal([64, 121], contents.Layers[2].Weights[0].Shape);
        Assert.Equal(new Shape(null, 2), contents.BuildInputShape);
        Assert.Equal(OptimizerLayout.Modern, contents.OptimizerState!.Layout);
        Assert.Equal(12, contents.OptimizerState.Slots.Count);
        Assert.Contains("Custom>Adam", contents.TrainingConfigJson);
    }

    [Fact]
    public void Read_ConvolutionalModel()
    {
        var contents = SavedModelReader.Read(SavedModelFolders.Path(SavedModelFolders.Traffic));

        Assert.Equal("2.6.2", contents.TensorFlowVersion);
        Assert.Equal(new Shape(null, 30, 30, 3), contents.BuildInputShape);
        Assert.Equal([3, 3, 3, 60], contents.Layers[0].Weights[0].Shape);
        Assert.Equal([1500, 128], contents.Layers.Single(l => l.Name == "dense").Weights[0].Shape);
        Assert.Equal([68, 43], contents.Layers[^1].Weights[0].Shape);
        Assert.Equal(24, contents.OptimizerState!.Slots.Count);
    }

    [Fact]
    public void Read_FeatureColumnsNotRebuildable()
    {
        var contents = SavedModelReader.Read(SavedModelFolders.Path(SavedModelFolders.Heart));

        Assert.False(contents.IsRebuildable);
        Assert.Contains("'dense_features'", contents.NotRebuildableReason);
        Assert.Contains("DenseFeatures", contents.NotRebuildableReason);
        Assert.Empty(contents.Layers[0].Weights);
        Assert.Equal([188], contents.Layers[1].Weights[0].Shape);
        Assert.Equal(24, contents.OptimizerState!.Slots.Count);
    }

    [Fact]
    public void Read_SubclassedModelNotRebuildable()
    {
        var contents = SavedModelReader.Read(SavedModelFolders.Path(SavedModelFolders.Subclassed));

        Assert.Equal(ArchitectureSource.SavedModelObjectMetadata, contents.ArchitectureSource);
        Assert.Equal("_tf_keras_model", contents.RootIdentifier);
        Assert.Equal("LogisticModel", contents.ModelClassName);
        Assert.Null(contents.ModelConfigJson);
        Assert.Null(contents.OptimizerState);
        Assert.Contains("subclassed model (class LogisticModel)", contents.NotRebuildableReason);
        Assert.Contains("LoadWeightsByLayerOrder", contents.NotRebuildableReason);
        var layer = Assert.Single(contents.Layers);
        Assert.Equal(("logistic_layer", "LogisticLayer"), (layer.Name, layer.ClassName));
        Assert.Equal("w", Assert.Single(layer.Weights).Name);
        Assert.Equal([146, 1], layer.Weights[0].Shape);
    }

    [Fact]
    public void Read_WithoutKerasMetadata()
    {
        var folder = SavedModelFolders.Copy(SavedModelFolders.NumberGuesser, temp);
        File.Delete(Path.Combine(folder, "keras_metadata.pb"));

        var contents = SavedModelReader.Read(folder);

        Assert.Equal(ArchitectureSource.None, contents.ArchitectureSource);
        Assert.Null(contents.ModelConfigJson);
        Assert.Contains("no Keras architecture", contents.NotRebuildableReason);
        Assert.Equal(["dense", "dense_1", "dense_2"], contents.Layers.Where(l => l.Weights.Count > 0).Select(l => l.Name));
        Assert.Equal("Adam", contents.OptimizerState!.ClassName);
    }

    [Fact]
    public void Read_ShapeDisagreesWithSavedModelPb()
    {
        var folder = SavedModelFolders.Copy(SavedModelFolders.NumberGuesser, temp);
        var file = Path.Combine(folder, "saved_model.pb");
        var savedModel = SavedModelProto.Parser.ParseFrom(File.ReadAllBytes(file));
        var kernel = savedModel.MetaGraphs[0].ObjectGraphDef.Nodes.Single(n => n.Variable?.Name == "dense/kernel").Variable;
        kernel.Shape.Dim[1].Size = 64;
        File.WriteAllBytes(file, savedModel.ToByteArray());

        var error = Assert.Throws<InvalidDataException>(() => SavedModelReader.Read(folder));

        Assert.Contains("'dense/kernel'", error.Message);
        Assert.Contains("(784, 128)", error.Message);
        Assert.Contains("(784, 64)", error.Message);
        Assert.Contains("different saves", error.Message);
    }

    [Fact]
    public void Read_FlippedWeightByteNamesKey()
    {
        var folder = SavedModelFolders.Copy(SavedModelFolders.Digits, temp);
        var shard = Path.Combine(folder, "variables", "variables.data-00000-of-00001");
        var bytes = File.ReadAllBytes(shard);
        bytes[200704 + 8] ^= 0x01;
        File.WriteAllBytes(shard, bytes);

        var error = Assert.Throws<InvalidDataException>(() => SavedModelReader.Read(folder));

        Assert.Contains("'layer_with_weights-0/bias/.ATTRIBUTES/VARIABLE_VALUE'", error.Message);
        Assert.Contains(shard, error.Message);
    }

    [Fact]
    public void Read_MissingShardNamesFile()
    {
        var folder = SavedModelFolders.Copy(SavedModelFolders.Heat, temp);
        File.Delete(Path.Combine(folder, "variables", "variables.data-00000-of-00001"));

        var error = Assert.Throws<FileNotFoundException>(() => SavedModelReader.Read(folder));

        Assert.Contains("variables.data-00000-of-00001", error.Message);
    }

    [Fact]
    public void Read_MissingIndexNamesFile()
    {
        var folder = SavedModelFolders.Copy(SavedModelFolders.Heat, temp);
        File.Delete(Path.Combine(folder, "variables", "variables.index"));

        var error = Assert.Throws<FileNotFoundException>(() => SavedModelReader.Read(folder));

        Assert.Contains("variables.index", error.Message);
    }

    [Fact]
    public void Read_FolderWithoutSavedModelPb()
    {
        var error = Assert.Throws<FileNotFoundException>(() => SavedModelReader.Read(temp.Path));

        Assert.Contains("is not a SavedModel folder", error.Message);
        Assert.Contains("saved_model.pb", error.Message);
    }

    [Fact]
    public void Read_TextFormatOnly()
    {
        File.WriteAllText(Path.Combine(temp.Path, "saved_model.pbtxt"), "saved_model_schema_version: 1");

        var error = Assert.Throws<NotSupportedException>(() => SavedModelReader.Read(temp.Path));

        Assert.Contains("saved_model.pbtxt", error.Message);
    }

    [Fact]
    public void Read_MissingFolder()
    {
        var folder = Path.Combine(temp.Path, "absent");

        var error = Assert.Throws<DirectoryNotFoundException>(() => SavedModelReader.Read(folder));

        Assert.Contains(folder, error.Message);
    }

    [Fact]
    public void Read_MalformedSavedModelPb()
    {
        File.WriteAllBytes(Path.Combine(temp.Path, "saved_model.pb"), [0x12, 0xFF, 0xFF, 0x01]);

        var error = Assert.Throws<InvalidDataException>(() => SavedModelReader.Read(temp.Path));

        Assert.Contains("saved_model.pb", error.Message);
    }

    [Theory]
    [InlineData(SavedModelFolders.Digits)]
    [InlineData(SavedModelFolders.Traffic)]
    [InlineData(SavedModelFolders.NumberGuesser)]
    [InlineData(SavedModelFolders.Mnist)]
    [InlineData(SavedModelFolders.Heat)]
    [InlineData(SavedModelFolders.Lstm)]
    [InlineData(SavedModelFolders.Heart)]
    [InlineData(SavedModelFolders.Subclassed)]
    public void Read_WeightsMatchTheirKeys(string name)
    {
        var folder = SavedModelFolders.Path(name);

        var contents = SavedModelReader.Read(folder);
        var bundle = TensorBundleReader.Open(Path.Combine(folder, "variables", "variables"));

        foreach (var weight in contents.Layers.SelectMany(l => l.Weights))
        {
            Assert.Equal(bundle.ReadTensor(weight.CheckpointKey).ToFloat32Array(), weight.ToFloat32Array());
        }

        var weightKeys = contents.Layers.SelectMany(l => l.Weights).Select(w => w.CheckpointKey).ToHashSet();
        var slotKeys = contents.OptimizerState?.Slots.Select(s => s.Value.CheckpointKey).ToHashSet() ?? [];
        var variableKeys = bundle.Keys.Where(k => k.StartsWith("layer", StringComparison.Ordinal) || k.StartsWith("variables/", StringComparison.Ordinal) || k.StartsWith("logistic", StringComparison.Ordinal));
        Assert.All(variableKeys, key => Assert.True(weightKeys.Contains(key) || slotKeys.Contains(key), $"Checkpoint key '{key}' was not matched to a weight or slot."));
    }
}
