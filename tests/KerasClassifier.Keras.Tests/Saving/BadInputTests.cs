using System.Text.Json.Nodes;
using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Models;
using KerasClassifier.Keras.Optimizers;
using KerasClassifier.Keras.Saving;
using KerasClassifier.Keras.Saving.Serialization;
using KerasClassifier.Keras.Tests.Testing;

namespace KerasClassifier.Keras.Tests.Saving;

public class BadInputTests
{
    [Fact]
    public void TruncatedArchive_ReportsDamage()
    {
        using var folder = new TempDirectory();
        var path = SaveSmallModel(folder, "model.keras");
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<InvalidDataException>(() => KerasModels.LoadModel(path));

        Assert.StartsWith($"Invalid Keras file '{path}': the zip archive is damaged or truncated (", error.Message);
    }

    [Fact]
    public void TruncatedHdf5_ReportsSizes()
    {
        using var folder = new TempDirectory();
        var path = SaveSmallModel(folder, "model.h5");
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length - 100)]);

        var error = Assert.Throws<InvalidDataException>(() => KerasModels.LoadModel(path));

        Assert.Equal(
            $"Invalid Keras file '{path}': the HDF5 content is truncated: its superblock gives {bytes.Length} bytes, but only {bytes.Length - 100} are present.",
            error.Message);
    }

    [Fact]
    public void TruncatedWeightsMember_NamesMember()
    {
        using var folder = new TempDirectory();
        var path = SaveSmallModel(folder, "model.keras");
        var damaged = folder.File("damaged.keras");
        ArchiveEditing.Rewrite(path, damaged, (name, content) => name == "model.weights.h5" ? content[..(content.Length / 2)] : content);

        var error = Assert.Throws<InvalidDataException>(() => KerasModels.LoadModel(damaged));

        Assert.StartsWith($"Invalid Keras file '{damaged}' at model.weights.h5: the HDF5 content is truncated: its superblock gives ", error.Message);
    }

    [Fact]
    public void ArchiveWithoutConfig_ListsMembers()
    {
        using var folder = new TempDirectory();
        var path = SaveSmallModel(folder, "model.keras");
        var damaged = folder.File("noconfig.keras");
        ArchiveEditing.Rewrite(path, damaged, (name, content) => name == "config.json" ? null : content);

        var error = Assert.Throws<InvalidDataException>(() => KerasModels.LoadModel(damaged));

        Assert.Equal(
            $"Invalid Keras file '{damaged}': the archive has no config.json, so it is not a Keras model archive; its members are: metadata.json, model.weights.h5.",
            error.Message);
    }

    [Fact]
    public void MalformedConfigJson_NamesMember()
    {
        using var folder = new TempDirectory();
        var path = SaveSmallModel(folder, "model.keras");
        var damaged = folder.File("badjson.keras");
        ArchiveEditing.Rewrite(path, damaged, (name, content) => name == "config.json" ? content[..20] : content);

        var error = Assert.Throws<InvalidDataException>(() => KerasModels.LoadModel(damaged));

        Assert.StartsWith($"Invalid Keras file '{damaged}' at config.json: the JSON is malformed: ", error.Message);
    }

    [Fact]
    public void UnknownLayerClasses_RejectedOnceWithList()
    {
        using var folder = new TempDirectory();
        var path = SaveSmallModel(folder, "model.keras");
        var foreign = folder.File("lstm.keras");
        ArchiveEditing.EditConfig(path, foreign, config =>
        {
            var layers = ArchiveEditing.Layers(config);
            layers[1]!["class_name"] = "LSTM";
            layers[1]!["config"]!["name"] = "lstm_2";
            layers[2]!["class_name"] = "MyLayer";
            layers[2]!["module"] = null;
            layers[2]!["registered_name"] = "Custom>MyLayer";
            layers[2]!["config"]!["name"] = "mine";
        });

        var error = Assert.Throws<NotSupportedException>(() => KerasModels.LoadModel(foreign));

        Assert.Equal(
            $"Cannot load '{foreign}' at config.json: The model uses layer classes this library does not support: 'lstm_2' (LSTM), 'mine' (MyLayer, registered as 'Custom>MyLayer'). "
            + $"Supported layer classes: {string.Join(", ", LayerRegistry.ClassNames)}.",
            error.Message);
    }

    [Fact]
    public void LambdaLayer_ExplainsPythonCode()
    {
        using var folder = new TempDirectory();
        var path = SaveSmallModel(folder, "model.keras");
        var foreign = folder.File("lambda.keras");
        ArchiveEditing.EditConfig(path, foreign, config =>
        {
            var layer = ArchiveEditing.Layers(config)[1]!;
            layer["class_name"] = "Lambda";
            layer["config"] = new JsonObject
            {
                ["name"] = "lambda",
                ["function"] = new JsonObject { ["class_name"] = "__lambda__", ["config"] = new JsonObject { ["code"] = "4wEAAAAA" } },
            };
        });

        var error = Assert.Throws<NotSupportedException>(() => KerasModels.LoadModel(foreign));

        Assert.StartsWith($"Cannot load '{foreign}' at config.json: The model uses a layer class this library does not support: 'lambda' (Lambda, Python code). Note: a Lambda layer stores a Python function as bytecode, which cannot run outside Python;", error.Message);
    }

    [Fact]
    public void MissingConfigKey_NamesLayerAndKey()
    {
        using var folder = new TempDirectory();
        var path = SaveSmallModel(folder, "model.keras");
        var damaged = folder.File("nounits.keras");
        string? denseName = null;
        ArchiveEditing.EditConfig(path, damaged, config =>
        {
            var dense = ArchiveEditing.Layers(config).Single(l => l!["class_name"]!.ToString() == "Dense")!["config"]!.AsObject();
            denseName = dense["name"]!.ToString();
            dense.Remove("units");
        });

        var error = Assert.Throws<InvalidDataException>(() => KerasModels.LoadModel(damaged));

        Assert.Equal($"Invalid Keras file '{damaged}' at config.json: Layer '{denseName}' (Dense) has no 'units' in its config.", error.Message);
    }

    [Fact]
    public void ShapeMismatch_NamesLayerVariableAndShapes()
    {
        using var folder = new TempDirectory();
        var saved = Mlp(12);
        var path = folder.File("wide.weights.h5");
        saved.SaveWeights(path);
        var target = Mlp(10);
        var before = SavingTestModels.WeightValues(target);

        var error = Assert.Throws<InvalidDataException>(() => target.LoadWeights(path));

        Assert.Equal(
            $"Invalid Keras file '{path}' at /layers/dense/vars/0: layer '{target.Layers[1].Name}', variable 'kernel': expected (16, 10), found (16, 12).",
            error.Message);
        Assert.Equal(before, SavingTestModels.WeightValues(target));
    }

    [Fact]
    public void ShapeMismatchInLegacyFile_NamesDataset()
    {
        using var folder = new TempDirectory();
        var saved = Mlp(12);
        var path = folder.File("wide.h5");
        saved.SaveWeights(path);
        var target = Mlp(10);

        var error = Assert.Throws<InvalidDataException>(() => target.LoadWeights(path));

        var savedDense = saved.Layers[1].Name;
        Assert.Equal(
            $"Invalid Keras file '{path}' at /{savedDense}/{savedDense}/kernel: layer '{target.Layers[1].Name}', variable 'kernel': expected (16, 10), found (16, 12).",
            error.Message);
    }

    [Fact]
    public void WrongVariableCount_NamesLayer()
    {
        using var folder = new TempDirectory();
        var saved = new Sequential([new InputLayer([3]), new Dense(2)]);
        var target = new Sequential([new InputLayer([3]), new Dense(2, useBias: false)]);
        var path = folder.File("bias.weights.h5");
        saved.SaveWeights(path);

        var error = Assert.Throws<InvalidDataException>(() => target.LoadWeights(path));

        Assert.Equal(
            $"Invalid Keras file '{path}' at /layers/dense/vars: layer '{target.Layers[0].Name}' (Dense) has 1 variable(s) (kernel), but the file has 2.",
            error.Message);
    }

    [Fact]
    public void LegacyWeightCount_NamesBothLayers()
    {
        using var folder = new TempDirectory();
        var saved = new Sequential([new InputLayer([3]), new Dense(2)]);
        var target = new Sequential([new InputLayer([3]), new Dense(2, useBias: false)]);
        var path = folder.File("bias.h5");
        saved.SaveWeights(path);

        var error = Assert.Throws<InvalidDataException>(() => target.LoadWeights(path));

        var savedName = saved.Layers[0].Name;
        Assert.Equal(
            $"Invalid Keras file '{path}' at /{savedName}: layer '{target.Layers[0].Name}' (Dense) has 1 weight(s) (kernel), but the file's layer '{savedName}' lists 2 ({savedName}/kernel, {savedName}/bias).",
            error.Message);
    }

    [Fact]
    public void ExtraLayerInFile_Rejected()
    {
        using var folder = new TempDirectory();
        var saved = new Sequential([new InputLayer([3]), new Dense(3), new Dense(3)]);
        var target = new Sequential([new InputLayer([3]), new Dense(3)]);
        var path = folder.File("two.weights.h5");
        saved.SaveWeights(path);

        var error = Assert.Throws<InvalidDataException>(() => target.LoadWeights(path));

        Assert.Equal(
            $"Invalid Keras file '{path}' at /layers/dense_1: the file contains weights for a layer group 'dense_1' that no layer of the model maps to; the model's layers map to dense.",
            error.Message);
    }

    [Fact]
    public void LayerCountMismatchInLegacyFile_ListsBoth()
    {
        using var folder = new TempDirectory();
        var saved = new Sequential([new InputLayer([3]), new Dense(3, name: "first"), new Dense(3, name: "second")]);
        var target = new Sequential([new InputLayer([3]), new Dense(3, name: "only")]);
        var path = folder.File("two.h5");
        saved.SaveWeights(path);

        var error = Assert.Throws<InvalidDataException>(() => target.LoadWeights(path));

        Assert.Equal(
            $"Invalid Keras file '{path}' at /: the file contains weights for 2 layer(s) (first, second), but model '{target.Name}' has 1 layer(s) with weights (only).",
            error.Message);
    }

    [Theory]
    [InlineData("model", "Invalid path '{0}' for Save: expected the extension '.keras' (Keras 3 format, recommended) or '.h5' (legacy HDF5 format). (Parameter 'path')")]
    [InlineData("model.pt", "Invalid path '{0}' for Save: expected the extension '.keras' (Keras 3 format, recommended) or '.h5' (legacy HDF5 format). (Parameter 'path')")]
    [InlineData("model.weights.h5", "Invalid path '{0}' for Save: '.weights.h5' is the weights-only format; call SaveWeights for it, or use a '.keras' path to save the whole model. (Parameter 'path')")]
    public void SaveWithBadExtension_PointsToKeras(string fileName, string expected)
    {
        using var folder = new TempDirectory();
        var path = folder.File(fileName);

        var error = Assert.Throws<ArgumentException>(() => SavingTestModels.SmallPoolingNet().Save(path));

        Assert.Equal(string.Format(expected, path), error.Message);
        Assert.Equal("path", error.ParamName);
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }

    [Fact]
    public void SaveWeightsBadExtension_Rejected()
    {
        using var folder = new TempDirectory();
        var path = folder.File("weights.keras");

        var error = Assert.Throws<ArgumentException>(() => SavingTestModels.SmallPoolingNet().SaveWeights(path));

        Assert.Equal(
            $"Invalid path '{path}' for SaveWeights: expected the extension '.weights.h5' (Keras 3 layout) or '.h5' (Keras 2 layout); to save the whole model use Save with a '.keras' path. (Parameter 'path')",
            error.Message);
    }

    [Theory]
    [InlineData(new byte[0], "the file is empty.")]
    [InlineData(new byte[] { 0x76, 0x65, 0x72, 0x73, 0x69, 0x6F, 0x6E, 0x20, 0x68, 0x74, 0x74, 0x70, 0x73, 0x3A, 0x2F, 0x2F, 0x67, 0x69, 0x74, 0x2D, 0x6C, 0x66, 0x73 }, "the file is a Git LFS pointer, not the model itself; fetch the content with 'git lfs pull'.")]
    [InlineData(new byte[] { 0x7B, 0x22, 0x61, 0x22, 0x7D }, "the file looks like JSON; a model config alone (model.to_json()) has no weights. Load a .keras or .h5 file instead.")]
    [InlineData(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 }, "the content is neither a zip archive (.keras) nor HDF5 (.h5); it starts with bytes 0102030405060708.")]
    public void ForeignContent_Described(byte[] content, string detail)
    {
        using var folder = new TempDirectory();
        var path = folder.File("model.keras");
        File.WriteAllBytes(path, content);

        var error = Assert.Throws<InvalidDataException>(() => KerasModels.LoadModel(path));

        Assert.Equal($"Invalid Keras file '{path}': {detail}", error.Message);
    }

    [Fact]
    public void MissingFile_ThrowsFileNotFound()
    {
        using var folder = new TempDirectory();
        var path = folder.File("absent.keras");

        var error = Assert.Throws<FileNotFoundException>(() => KerasModels.LoadModel(path));

        Assert.Equal($"Model file '{path}' was not found.", error.Message);
    }

    [Fact]
    public void LoadModelOnWeightsFile_Rejected()
    {
        using var folder = new TempDirectory();
        var path = folder.File("w.weights.h5");
        SavingTestModels.SmallPoolingNet().SaveWeights(path);

        var error = Assert.Throws<NotSupportedException>(() => KerasModels.LoadModel(path));

        Assert.Equal($"Cannot load '{path}': the file contains weights only, without the architecture; create the model in code and call LoadWeights on it.", error.Message);
    }

    [Fact]
    public void LoadWeightsIntoUnbuiltModel_Throws()
    {
        using var folder = new TempDirectory();
        var path = folder.File("w.weights.h5");
        SavingTestModels.SmallPoolingNet().SaveWeights(path);
        var model = new Sequential([new Dense(2)], name: "unbuilt");

        var error = Assert.Throws<InvalidOperationException>(() => model.LoadWeights(path));

        Assert.Equal("Model 'unbuilt' is not built, so its variables do not exist yet; give it an InputLayer or call Build(inputShape) before LoadWeights.", error.Message);
    }

    [Fact]
    public void MismatchedOptimizerState_FallsBackWithWarning()
    {
        using var folder = new TempDirectory();
        var saved = SavingTestModels.Compiled(SavingTestModels.SmallPoolingNet());
        var (x, y) = SavingTestModels.Data([6, 6, 3], 8, 4);
        saved.Fit(x, y, batchSize: 4, epochs: 1, shuffle: false);
        var path = folder.File("adam.weights.h5");
        saved.SaveWeights(path);
        var target = SavingTestModels.Compiled(SavingTestModels.SmallPoolingNet(), new SGD(0.1, momentum: 0.9, name: "sgd_momentum"));

        var result = target.LoadWeights(path);

        Assert.False(result.OptimizerStateRestored);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(
            $"The optimizer state in '{path}' at /optimizer/vars does not match optimizer 'sgd_momentum' (SGD) of this model: the file has 12 variables, but this optimizer has 7: a step count, a learning rate and 1 slot(s) for each of 5 trainable variables. "
            + "Training continues with a fresh optimizer, so the first steps can differ from an uninterrupted run.",
            warning);
        var fresh = Assert.IsType<SGD>(target.Optimizer);
        Assert.False(fresh.Built);
        Assert.Equal(0.9, fresh.Momentum);
        Assert.Equal(SavingTestModels.WeightValues(saved), SavingTestModels.WeightValues(target));
    }

    [Fact]
    public void OptimizerStateIntoUncompiledModel_Warns()
    {
        using var folder = new TempDirectory();
        var saved = SavingTestModels.Compiled(SavingTestModels.SmallPoolingNet());
        var (x, y) = SavingTestModels.Data([6, 6, 3], 8, 4);
        saved.Fit(x, y, batchSize: 4, epochs: 1, shuffle: false);
        var path = folder.File("adam.weights.h5");
        saved.SaveWeights(path);

        var result = SavingTestModels.SmallPoolingNet().LoadWeights(path);

        Assert.Equal(
            $"The optimizer state in '{path}' at /optimizer/vars was not loaded because the model is not compiled; compile it before loading to resume training exactly.",
            Assert.Single(result.Warnings));
    }

    [Fact]
    public void InvalidDataFormat_Throws()
    {
        var model = SavingTestModels.SmallPoolingNet();

        var error = Assert.Throws<ArgumentException>(() => model.LoadWeights("unused.h5", dataFormat: "NHWC"));

        Assert.Equal("Invalid dataFormat 'NHWC'; expected 'channels_last' or 'channels_first'. (Parameter 'dataFormat')", error.Message);
    }

    private static string SaveSmallModel(TempDirectory folder, string fileName)
    {
        var model = SavingTestModels.Compiled(SavingTestModels.SmallCnn());
        var path = folder.File(fileName);
        model.Save(path);
        return path;
    }

    private static Sequential Mlp(int units) =>
        new([new InputLayer([4, 4]), new Flatten(), new Dense(units), new Dense(3)]);
}
