using KerasClassifier.Keras.Callbacks;
using KerasClassifier.Keras.Training;

namespace KerasClassifier.Keras.Tests.Callbacks;

public class EpochLineFormatterTests
{
    private static readonly DateTimeOffset EndTime = new(2026, 12, 4, 15, 34, 59, TimeSpan.FromHours(1));

    [Fact]
    public void Training_line_matches_format()
    {
        var summary = new PhaseSummary(
            TrainingPhase.Training, 9, 142, 142, 0.27328, new Dictionary<string, double> { ["loss"] = 0.4312, ["accuracy"] = 0.85254 }, 0.0001, EndTime);

        var line = EpochLineFormatter.Format(summary);

        Assert.Equal(
            ">> 2026-12-04 15:34: Training Epoch: 10 || learning rate: 0.0001 || Loss: 0.43 || Accuracy: 85.25%|██████████████████████████████| 142 / 142 [use time : 0.273280]",
            line);
    }

    [Fact]
    public void Testing_line_matches_format()
    {
        var summary = new PhaseSummary(
            TrainingPhase.Testing, 9, 16, 16, 0.12193, new Dictionary<string, double> { ["loss"] = 4.04, ["accuracy"] = 0.0657 }, 0.0001, EndTime);

        var line = EpochLineFormatter.Format(summary);

        Assert.Equal(
            ">> 2026-12-04 15:34: Testing  Epoch: 10 || Loss: 4.04 || Accuracy: 6.57%|██████████████████████████████| 16 / 16 [use time : 0.121930]",
            line);
    }

    [Fact]
    public void Short_epoch_fills_part_of_bar_and_never_exceeds_total()
    {
        var summary = new PhaseSummary(
            TrainingPhase.Training, 0, 7, 5, 0.5, new Dictionary<string, double> { ["loss"] = 1, ["accuracy"] = 0.5 }, 1e-5, EndTime);
        var partial = summary with { StepsDone = 3, StepsTotal = 10 };

        Assert.Contains("| 5 / 5 [", EpochLineFormatter.Format(summary));
        Assert.Contains("learning rate: 0.00001 ", EpochLineFormatter.Format(summary));
        Assert.Contains("|█████████                     | 3 / 10 [", EpochLineFormatter.Format(partial));
    }

    [Theory]
    [InlineData(0.001, "0.001")]
    [InlineData(1e-5, "0.00001")]
    [InlineData(1e30, "1E+30")]
    [InlineData(1e-20, "1E-20")]
    [InlineData(0.0, "0")]
    public void Learning_rate_without_overflow(double rate, string expected)
    {
        Assert.Equal(expected, EpochLineFormatter.FormatLearningRate(rate));
    }
}
