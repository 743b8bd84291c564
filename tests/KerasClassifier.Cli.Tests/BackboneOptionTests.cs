using KerasClassifier.Keras.Applications;
using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Models;
using KerasClassifier.Keras.Saving;

namespace KerasClassifier.Cli.Tests;

public class BackboneOptionTests
{
    private static TestFolder TwoClasses()
    {
        var folder = new TestFolder();
        for (var i = 0; i < 6; i++)
        {
            folder.WriteImage($"train/alpha/{i}.png", 0, i);
            folder.WriteImage($"train/beta/{i}.png", 1, i);
        }

        for (var i = 0; i < 2; i++)
        {
            folder.WriteImage($"val/alpha/{i}.png", 0, i + 10);
            folder.WriteImage($"val/beta/{i}.png", 1, i + 10);
        }

        return folder;
    }

    [Theory]
    [InlineData("--backbone", "small-cnn")]
    [InlineData("--image-size", "16")]
    public void Pretrained_small_cnn_rejected_before_data(string option, string value)
    {
        using var folder = new TestFolder();

        // The data folder does not exist: the option conflict must be reported before any data is read.
        var (exitCode, _, diagnostics) = CliRunner.Run("fit", "--data", folder.Combine("missing"), option, value, "--pretrained", "imagenet");

        Assert.Equal(2, exitCode);
        Assert.Equal(
            "error: --pretrained 'imagenet' cannot be used with --backbone small-cnn, which trains from scratch; drop --pretrained, or use --backbone resnet18 --pretrained imagenet, or --backbone mobilenetv2 or resnet50 with a Keras weight file.\n",
            diagnostics.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Unknown_backbone_lists_choices()
    {
        using var folder = TwoClasses();

        var (exitCode, _, diagnostics) = CliRunner.Run("fit", "--data", folder.Combine("train"), "--backbone", "vgg16");

        Assert.Equal(2, exitCode);
        Assert.Contains("invalid value 'vgg16' for --backbone; expected one of small-cnn, resnet18, mobilenetv2, resnet50", diagnostics);
    }

    [Theory]
    [InlineData("mobilenetv2", "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_96_no_top.h5")]
    [InlineData("resnet50", "resnet50_weights_tf_dim_ordering_tf_kernels_notop.h5")]
    public void Imagenet_for_keras_backbones_names_keras_file(string backbone, string kerasFile)
    {
        using var folder = TwoClasses();

        var (exitCode, _, diagnostics) = CliRunner.Run(
            "fit", "--data", folder.Combine("train"), "--val", folder.Combine("val"), "--backbone", backbone, "--pretrained", "imagenet", "--image-size", "96");

        Assert.Equal(2, exitCode);
        Assert.Contains("error: No 'imagenet' weights are bundled for", diagnostics);
        Assert.Contains("(bundled: resnet18 (imagenet))", diagnostics);
        Assert.Contains("pass the path of Keras's", diagnostics);
        Assert.Contains(kerasFile, diagnostics);
        Assert.DoesNotContain("(Parameter", diagnostics);
    }

    [Fact]
    public void Mobilenetv2_loads_weight_file_with_its_alpha()
    {
        using var folder = TwoClasses();
        var weights = folder.Combine("mobilenet_v2_0.35_no_top.h5");
        MobileNetV2.Create([32, 32, 3], alpha: 0.35, includeTop: false).SaveWeights(weights);

        var (exitCode, results, diagnostics) = CliRunner.Run(
            "fit", "--data", folder.Combine("train"), "--val", folder.Combine("val"), "--backbone", "mobilenetv2", "--pretrained", weights,
            "--image-size", "32", "--epochs", "2", "--freeze-epochs", "1", "--batch-size", "6", "--output", folder.Combine("out"));

        Assert.Equal(0, exitCode);
        Assert.Contains($"mobilenetv2 alpha 0.35, weights {weights}", diagnostics);
        Assert.Equal(4, results.Split('\n').Count(l => l.StartsWith(">> ", StringComparison.Ordinal)));
        Assert.True(File.Exists(folder.Combine("out", "model.keras")), "the fine-tuned model should be saved");
    }

    [Fact]
    public void Resnet50_rejects_mobilenet_weight_file()
    {
        using var folder = TwoClasses();
        var weights = folder.Combine("mobilenet.h5");
        MobileNetV2.Create([32, 32, 3], alpha: 0.35, includeTop: false).SaveWeights(weights);

        var (exitCode, _, diagnostics) = CliRunner.Run(
            "fit", "--data", folder.Combine("train"), "--val", folder.Combine("val"), "--backbone", "resnet50", "--pretrained", weights, "--image-size", "32");

        Assert.Equal(2, exitCode);
        Assert.Contains("expected layer 'conv1_conv' of ResNet50, but the file has no such layer", diagnostics);
        Assert.Contains("look like MobileNetV2 weights", diagnostics);
    }

    [Fact]
    public void Freeze_epochs_without_pretrained_exits_with_code_2()
    {
        using var folder = TwoClasses();

        var (exitCode, _, diagnostics) = CliRunner.Run(
            "fit", "--data", folder.Combine("train"), "--val", folder.Combine("val"), "--image-size", "16", "--epochs", "2", "--freeze-epochs", "1");

        Assert.Equal(2, exitCode);
        Assert.Contains("--freeze-epochs needs a pretrained backbone", diagnostics);
        Assert.DoesNotContain("training data:", diagnostics);
    }

    [Fact]
    public void Resnet18_trains_head_then_fine_tunes()
    {
        using var folder = TwoClasses();

        var (exitCode, results, diagnostics) = CliRunner.Run(
            "fit", "--data", folder.Combine("train"), "--val", folder.Combine("val"), "--backbone", "resnet18", "--pretrained", "imagenet",
            "--image-size", "32", "--epochs", "2", "--freeze-epochs", "1", "--batch-size", "6", "--output", folder.Combine("out"));

        Assert.Equal(0, exitCode);
        var lines = results.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith(">> ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(4, lines.Length);
        Assert.Contains("Training Epoch: 1 || learning rate: 0.001 ||", lines[0]);
        Assert.Contains("Training Epoch: 2 || learning rate: 0.0001 ||", lines[2]);
        Assert.Contains("resnet18, weights imagenet", diagnostics);
        Assert.Contains("phase 1: training the head for 1 epoch(s) with the backbone frozen", diagnostics);
        Assert.Contains("phase 2: fine-tuning the whole model", diagnostics);
        Assert.True(File.Exists(folder.Combine("out", "model.keras")), "the fine-tuned model should be saved");
        var history = File.ReadAllLines(folder.Combine("out", "history.csv"));
        Assert.Equal(3, history.Length);
        Assert.StartsWith("0,", history[1], StringComparison.Ordinal);
        Assert.StartsWith("1,", history[2], StringComparison.Ordinal);
        var finalLines = results.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("final: ", StringComparison.Ordinal)).ToArray();
        Assert.Single(finalLines);
        Assert.StartsWith("final: epoch=2 ", finalLines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Train_batch_norm_keeps_normalization_trainable()
    {
        using var folder = TwoClasses();

        var (exitCode, _, diagnostics) = CliRunner.Run(
            "fit", "--data", folder.Combine("train"), "--val", folder.Combine("val"), "--backbone", "resnet18", "--pretrained", "imagenet",
            "--image-size", "32", "--epochs", "2", "--freeze-epochs", "1", "--train-batch-norm", "--batch-size", "6", "--output", folder.Combine("out"));

        Assert.Equal(0, exitCode);
        Assert.Contains("phase 2: fine-tuning the whole model (batch normalization training)", diagnostics);
        var normalizations = FineTuning.Descendants(KerasModels.LoadModel(folder.Combine("out", "model.keras"))).OfType<BatchNormalization>().ToArray();
        Assert.NotEmpty(normalizations);
        Assert.All(normalizations, n => Assert.True(n.Trainable, $"{n.Name} should train"));
    }

    [Fact]
    public void Train_batch_norm_needs_freeze_epochs()
    {
        using var folder = TwoClasses();

        var (exitCode, _, diagnostics) = CliRunner.Run(
            "fit", "--data", folder.Combine("train"), "--backbone", "resnet18", "--pretrained", "imagenet", "--train-batch-norm");

        Assert.Equal(2, exitCode);
        Assert.Contains("--train-batch-norm applies to the fine-tuning epochs after --freeze-epochs", diagnostics);
    }

    [Fact]
    public void Pretrained_defaults_to_imagenet_size()
    {
        using var folder = TwoClasses();

        var (exitCode, _, diagnostics) = CliRunner.Run(
            "fit", "--data", folder.Combine("train"), "--val", folder.Combine("val"), "--backbone", "resnet18", "--pretrained", "imagenet",
            "--epochs", "1", "--batch-size", "6", "--output", folder.Combine("out"));

        Assert.Equal(0, exitCode);
        Assert.Contains("input 224x224x3", diagnostics);
    }

    [Fact]
    public void Scratch_model_defaults_to_128()
    {
        using var folder = TwoClasses();

        var (exitCode, _, diagnostics) = CliRunner.Run(
            "fit", "--data", folder.Combine("train"), "--val", folder.Combine("val"), "--epochs", "1", "--batch-size", "6", "--output", folder.Combine("out"));

        Assert.Equal(0, exitCode);
        Assert.Contains("input 128x128x3", diagnostics);
    }
}
