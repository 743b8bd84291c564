using KerasClassifier.Keras.Callbacks;
using KerasClassifier.Keras.Optimizers.Schedules;
using KerasClassifier.Keras.Tests.Testing;

namespace KerasClassifier.Keras.Tests.Callbacks;

public class LearningRateSchedulerTests
{
    [Fact]
    public void Function_sets_rate_each_epoch()
    {
        var scheduler = new LearningRateScheduler((epoch, rate) => epoch < 2 ? rate : rate * 0.5);
        var harness = new CallbackHarness(scheduler, learningRate: 0.1);
        var changes = new List<LearningRateChangedEventArgs>();
        scheduler.LearningRateChanged += (_, e) => changes.Add(e);
        harness.Begin();

        var rates = new List<double>();
        for (var epoch = 0; epoch < 4; epoch++)
        {
            harness.Epoch(epoch, ("loss", 1.0));
            rates.Add(harness.Model.Optimizer!.LearningRate);
        }

        Assert.Equal([0.1, 0.1, 0.05, 0.025], rates);
        Assert.Equal([2, 3], changes.Select(c => c.Epoch));
    }

    [Fact]
    public void Schedule_object_uses_epoch_as_step()
    {
        var harness = new CallbackHarness(new LearningRateScheduler(new ExponentialDecay(0.1, decaySteps: 2, decayRate: 0.5, staircase: true)));
        harness.Begin();

        var rates = new List<double>();
        for (var epoch = 0; epoch < 5; epoch++)
        {
            harness.Epoch(epoch, ("loss", 1.0));
            rates.Add(harness.Model.Optimizer!.LearningRate);
        }

        Assert.Equal([0.1, 0.1, 0.05, 0.05, 0.025], rates);
    }

    [Fact]
    public void Non_positive_rate_names_epoch()
    {
        var harness = new CallbackHarness(new LearningRateScheduler((epoch, _) => epoch == 1 ? 0 : 0.1));
        harness.Begin();
        harness.Epoch(0, ("loss", 1.0));

        var error = Assert.Throws<InvalidOperationException>(() => harness.Epoch(1, ("loss", 1.0)));

        Assert.Contains("returned 0 for epoch 2", error.Message);
    }

    [Fact]
    public void Exponential_decay_smooth_and_staircase()
    {
        var smooth = new ExponentialDecay(1.0, decaySteps: 4, decayRate: 0.5);
        var staircase = new ExponentialDecay(1.0, decaySteps: 4, decayRate: 0.5, staircase: true);

        Assert.Equal(1.0, smooth.Call(0));
        Assert.Equal(Math.Pow(0.5, 0.5), smooth.Call(2), 12);
        Assert.Equal(0.25, smooth.Call(8), 12);
        Assert.Equal(1.0, staircase.Call(3));
        Assert.Equal(0.5, staircase.Call(4));
        Assert.Equal(0.5, staircase.Call(7));
    }

    [Fact]
    public void Cosine_decay_warms_up_then_decays()
    {
        var schedule = new CosineDecay(0.0, decaySteps: 4, alpha: 0.1, warmupTarget: 1.0, warmupSteps: 2);

        Assert.Equal(0.0, schedule.Call(0));
        Assert.Equal(0.5, schedule.Call(1), 12);
        Assert.Equal(1.0, schedule.Call(2), 12);
        Assert.Equal(0.55, schedule.Call(4), 12);
        Assert.Equal(0.1, schedule.Call(6), 12);
        Assert.Equal(0.1, schedule.Call(60), 12);
    }

    [Fact]
    public void Cosine_decay_without_warmup()
    {
        var schedule = new CosineDecay(0.2, decaySteps: 10);

        Assert.Equal(0.2, schedule.Call(0));
        Assert.Equal(0.1, schedule.Call(5), 12);
        Assert.Equal(0.0, schedule.Call(10), 12);
    }

    [Fact]
    public void Schedule_arguments_validated()
    {
        Assert.Equal("decaySteps", Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialDecay(0.1, 0, 0.5)).ParamName);
        Assert.Equal("initialLearningRate", Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialDecay(-1, 1, 0.5)).ParamName);
        Assert.Equal("alpha", Assert.Throws<ArgumentOutOfRangeException>(() => new CosineDecay(0.1, 10, alpha: 2)).ParamName);
        Assert.Equal("step", Assert.Throws<ArgumentOutOfRangeException>(() => new CosineDecay(0.1, 10).Call(-1)).ParamName);
    }
}
