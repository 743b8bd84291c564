using KerasClassifier.Cli.Rendering;
using KerasClassifier.Keras.Training;
using Microsoft.Extensions.Time.Testing;

namespace KerasClassifier.Cli.Tests.Rendering;

public class ConsoleTrainingReporterTests
{
    private static (ConsoleTrainingReporter Reporter, StringWriter Results, StringWriter Diagnostics) Create()
    {
        var results = new StringWriter();
        var diagnostics = new StringWriter();
        var console = new TrainingConsole(results, diagnostics, new FakeTimeProvider());
        return (new ConsoleTrainingReporter(console), results, diagnostics);
    }

    [Fact]
    public void Warning_printed_once()
    {
        var (reporter, _, diagnostics) = Create();

        reporter.OnWarning("data ran out");
        reporter.OnWarning("data ran out");
        reporter.OnWarning("other");

        Assert.Equal(["warning: data ran out", "warning: other"], diagnostics.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Nan_stop_is_error_line()
    {
        var (reporter, _, diagnostics) = Create();

        reporter.OnStop(StopReason.NonFiniteLoss, "Loss became NaN at epoch 2, step 3.");

        Assert.Equal("error: Loss became NaN at epoch 2, step 3." + Environment.NewLine, diagnostics.ToString());
        Assert.Equal(StopReason.NonFiniteLoss, reporter.StopReason);
    }

    [Fact]
    public void Final_line_lists_last_logs()
    {
        var (reporter, results, _) = Create();

        reporter.OnEpochEnd(4, new Dictionary<string, double> { ["val_loss"] = 0.5, ["loss"] = 0.25, ["accuracy"] = 0.875, ["val_accuracy"] = 1.0 / 3 });
        reporter.OnTrainEnd(new Dictionary<string, double>());

        Assert.Equal("final: epoch=5 accuracy=0.875 loss=0.25 val_accuracy=0.333333 val_loss=0.5" + Environment.NewLine, results.ToString());
        Assert.Equal(5, reporter.LastCompletedEpoch);
    }

    [Fact]
    public void No_final_line_without_epochs()
    {
        var (reporter, results, _) = Create();

        reporter.OnTrainEnd(new Dictionary<string, double>());

        Assert.Equal(string.Empty, results.ToString());
    }
}
