using KerasClassifier.Cli.Commands;
using KerasClassifier.Cli.Rendering;
using KerasClassifier.Keras.Losses;
using KerasClassifier.Keras.Optimizers.Schedules;
using KerasClassifier.Keras.Saving;
using SkiaSharp;

namespace KerasClassifier.Cli.Tests;

public class FitCallbackOptionsTests
{
    private static TestFolder TwoClassData()
    {
        var folder = new TestFolder();
        for (var i = 0; i < 6; i++)
        {
            folder.WriteImage($"train/alpha/{i}.png", 0, i);
            folder.WriteImage($"train/beta/{i}.png", 1, i);
        }

        for (var i = 0; i < 2; i++)
        {
            folder.WriteImage($"val/alpha/{i}.png", 0, i);
            folder.WriteImage($"val/beta/{i}.png", 1, i);
        }

        return folder;
    }

    private static string[] FitArgs(TestFolder folder, params string[] extra) =>
    [
        "fit", "--data", folder.Combine("train"), "--val", folder.Combine("val"), "--image-size", "16", "--batch-size", "4",
        "--augment", "none", "--output", folder.Combine("out"), .. extra,
    ];

    [Fact]
    public void Fit_writes_history_and_curves()
    {
        using var folder = TwoClassData();

        var (exitCode, _, diagnostics) = CliRunner.Run(FitArgs(folder, "--epochs", "2"));

        Assert.Equal(0, exitCode);
        var history = File.ReadAllLines(folder.Combine("out", "history.csv"));
        Assert.Equal("epoch,accuracy,learning_rate,loss,val_accuracy,val_loss", history[0]);
        Assert.Equal(3, history.Length);
        using var png = SKBitmap.Decode(folder.Combine("out", "training_curves.png"));
        Assert.Equal(1200, png.Width);
        Assert.Equal(450, png.Height);
        Assert.Contains("training_curves.png", diagnostics);
    }

    [Fact]
    public void Plain_mode_prints_no_bar()
    {
        using var folder = TwoClassData();

        var (_, _, diagnostics) = CliRunner.Run(FitArgs(folder, "--epochs", "1"));

        Assert.DoesNotContain('\r', diagnostics);
        Assert.DoesNotContain("━", diagnostics);
    }

    [Fact]
    public void Terminal_mode_draws_and_clears_bar()
    {
        using var folder = TwoClassData();
        var results = new StringWriter();
        var diagnostics = new StringWriter();

        var exitCode = ProgramEntry.Run(FitArgs(folder, "--epochs", "1"), results, diagnostics, new TerminalInfo(true, 120));

        Assert.Equal(0, exitCode);
        Assert.Contains("\rEpoch 1/1 0/3 ", diagnostics.ToString());
        Assert.Contains("\r\u001b[K", diagnostics.ToString());
        Assert.DoesNotContain('\r', results.ToString());
    }

    [Fact]
    public void Early_stopping_reports_reason_once()
    {
        using var folder = TwoClassData();

        // With a rate this high the validation loss cannot keep improving for eight epochs.
        var (exitCode, results, diagnostics) = CliRunner.Run(FitArgs(folder, "--epochs", "8", "--lr", "5", "--optimizer", "sgd", "--early-stopping", "0"));

        Assert.Equal(0, exitCode);
        var stops = diagnostics.Split('\n').Where(l => l.StartsWith("Early stopping after epoch ", StringComparison.Ordinal)).ToList();
        Assert.Single(stops);
        Assert.Contains("val_loss did not improve for 1 epoch(s) (patience 0)", stops[0]);
        Assert.DoesNotContain("Training finished", diagnostics);
        Assert.Contains("Restored the weights from the end of the best epoch", diagnostics);
        Assert.Contains("final: epoch=", results);
    }

    [Fact]
    public void Nan_loss_exits_1_without_model()
    {
        using var folder = TwoClassData();

        // A learning rate of 1e30 makes the weights overflow within the first steps.
        var (exitCode, _, diagnostics) = CliRunner.Run(FitArgs(folder, "--epochs", "3", "--lr", "1e30", "--optimizer", "sgd"));

        Assert.Equal(1, exitCode);
        var errors = diagnostics.Split('\n').Where(l => l.StartsWith("error: Loss became", StringComparison.Ordinal)).ToList();
        Assert.Single(errors);
        Assert.False(File.Exists(folder.Combine("out", "model.keras")));
    }

    [Fact]
    public void Tensorboard_option_writes_event_files()
    {
        using var folder = TwoClassData();

        var (exitCode, _, _) = CliRunner.Run(FitArgs(folder, "--epochs", "1", "--tensorboard", folder.Combine("tb")));

        Assert.Equal(0, exitCode);
        Assert.Single(Directory.GetFiles(folder.Combine("tb", "train"), "events.out.tfevents.*"));
        Assert.Single(Directory.GetFiles(folder.Combine("tb", "validation"), "events.out.tfevents.*"));
    }

    [Fact]
    public void Schedule_sets_rate_per_epoch()
    {
        using var folder = TwoClassData();

        var (exitCode, _, diagnostics) = CliRunner.Run(FitArgs(folder, "--epochs", "2", "--schedule", "exponential", "--lr", "0.01"));

        Assert.Equal(0, exitCode);
        var history = File.ReadAllLines(folder.Combine("out", "history.csv"));
        Assert.Equal("0.01", history[1].Split(',')[2]);
        Assert.Equal("0.0001", history[2].Split(',')[2]);
        Assert.Contains("Epoch 2: learning rate 0.01 -> 0.0001 (schedule).", diagnostics);
    }

    [Fact]
    public void Schedule_and_plateau_together_rejected()
    {
        var (exitCode, _, diagnostics) = CliRunner.Run("fit", "--schedule", "cosine", "--reduce-lr-on-plateau", "3");

        Assert.Equal(2, exitCode);
        Assert.Contains("'--schedule' and '--reduce-lr-on-plateau' both set the learning rate", diagnostics);
    }

    [Theory]
    [InlineData("--early-stopping", "-1", "expected an integer >= 0")]
    [InlineData("--reduce-lr-on-plateau", "x", "invalid value 'x' for --reduce-lr-on-plateau")]
    [InlineData("--schedule", "linear", "expected one of step, exponential, cosine")]
    [InlineData("--checkpoint-every", "0", "expected an integer >= 1")]
    [InlineData("--label-smoothing", "1", "invalid value '1' for --label-smoothing; expected a number from 0 up to, but not including, 1")]
    [InlineData("--label-smoothing", "-0.1", "invalid value '-0.1' for --label-smoothing")]
    public void Invalid_callback_option_exits_2(string option, string value, string expected)
    {
        var (exitCode, _, diagnostics) = CliRunner.Run("fit", option, value);

        Assert.Equal(2, exitCode);
        Assert.Contains(expected, diagnostics);
    }

    [Fact]
    public void Help_lists_callback_options()
    {
        var (exitCode, results, _) = CliRunner.Run("fit", "--help");

        Assert.Equal(0, exitCode);
        foreach (var option in new[] { "--early-stopping PATIENCE", "--reduce-lr-on-plateau PATIENCE", "--schedule NAME", "--checkpoint-every N", "--tensorboard DIR" })
        {
            Assert.Contains(option, results);
        }
    }

    [Theory]
    [InlineData("step", 8, new[] { 0.1, 0.1, 0.05, 0.05, 0.025, 0.025, 0.0125, 0.0125 })]
    [InlineData("exponential", 3, new[] { 0.1, 0.01, 0.001 })]
    [InlineData("cosine", 3, new[] { 0.01, 0.1, 0.05 })]
    [InlineData("cosine", 1, new[] { 0.1 })]
    public void Schedule_presets_follow_help(string name, int epochs, double[] expected)
    {
        var settings = FitSettingsFor(name, epochs);

        var schedule = FitCallbacks.CreateSchedule(settings, 0.1, epochs)!;

        Assert.Equal(expected, Enumerable.Range(0, epochs).Select(e => schedule.Call(e)), (a, b) => Math.Abs(a - b) < 1e-12);
        Assert.IsType<LearningRateSchedule>(schedule, exactMatch: false);
    }

    [Fact]
    public void Schedule_starts_after_frozen_epochs()
    {
        var settings = FitSettingsFor("cosine", 15) with { Backbone = "resnet18", Pretrained = "imagenet", FreezeEpochs = 5 };

        var rate = FitCallbacks.ScheduleByEpoch(settings, 1e-4, initialEpoch: 0)!;

        // Ten fine-tuning epochs: one to warm up from a tenth of the rate, then cosine decay over nine.
        Assert.Equal(1e-5, rate(5), 1e-15);
        Assert.Equal(1e-4, rate(6), 1e-15);
        Assert.Equal(1e-4 * 0.5 * (1 + Math.Cos(Math.PI * 8 / 9)), rate(14), 1e-15);
    }

    [Fact]
    public void Resumed_schedule_starts_at_new_epoch()
    {
        var settings = FitSettingsFor("exponential", 3) with { Resume = "run/best.keras" };

        var rate = FitCallbacks.ScheduleByEpoch(settings, 1e-3, initialEpoch: 7)!;

        Assert.Equal([1e-3, 1e-4, 1e-5], new[] { rate(7), rate(8), rate(9) }, (a, b) => Math.Abs(a - b) < 1e-15);
    }

    [Theory]
    [InlineData("--backbone", "resnet18")]
    [InlineData("--pretrained", "imagenet")]
    [InlineData("--freeze-epochs", "2")]
    [InlineData("--fine-tune-lr", "0.0001")]
    [InlineData("--augment", "strong")]
    [InlineData("--label-smoothing", "0.1")]
    public void Resume_rejects_new_model_options(string option, string value)
    {
        var (exitCode, _, diagnostics) = CliRunner.Run("fit", "--resume", "run/best.keras", option, value);

        Assert.Equal(2, exitCode);
        Assert.Contains($"{option} cannot be used with --resume", diagnostics);
    }

    [Theory]
    [InlineData(new string[0], 0.0)]
    [InlineData(new[] { "--label-smoothing", "0.2" }, 0.2)]
    public void Label_smoothing_is_saved_with_the_loss(string[] option, double expected)
    {
        using var folder = TwoClassData();

        var (exitCode, _, diagnostics) = CliRunner.Run(FitArgs(folder, ["--epochs", "1", .. option]));

        Assert.Equal(0, exitCode);
        var loss = Assert.IsType<SparseCategoricalCrossentropy>(KerasModels.LoadModel(folder.Combine("out", "model.keras")).Loss);
        Assert.Equal(expected, loss.LabelSmoothing);
        Assert.Equal(option.Length > 0, diagnostics.Contains("label smoothing: 0.2"));
    }

    private static FitSettings FitSettingsFor(string schedule, int epochs) =>
        new(null, null, null, 32, epochs, null, "adam", "none", 1, Keras.Backend.DeviceKind.Cpu, "models", null, null, schedule, null, null);
}
