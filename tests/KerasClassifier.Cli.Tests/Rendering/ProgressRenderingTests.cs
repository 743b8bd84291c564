using KerasClassifier.Cli.Rendering;
using KerasClassifier.Keras.Callbacks;
using KerasClassifier.Keras.Training;
using Microsoft.Extensions.Time.Testing;

namespace KerasClassifier.Cli.Tests.Rendering;

public class ProgressRenderingTests
{
    private static ProgressEventArgs Step(long step, long steps = 12, bool completed = false, TrainingPhase phase = TrainingPhase.Training, double seconds = 0) =>
        new(phase, 2, 20, step, steps, TimeSpan.FromSeconds(seconds), new Dictionary<string, double> { ["loss"] = 1.25, ["accuracy"] = 0.5 }, completed);

    [Fact]
    public void Bar_line_has_keras_parts()
    {
        var line = LiveProgressRenderer.Format(Step(3, 12, seconds: 0.3));

        Assert.Equal("Epoch 3/20  3/12 ━━━━━─────────────── 0s 100ms/step - accuracy: 0.5000 - loss: 1.2500", line);
    }

    [Fact]
    public void Validation_bar_is_labelled()
    {
        var line = LiveProgressRenderer.Format(Step(1, 3, phase: TrainingPhase.Testing, seconds: 90));

        Assert.StartsWith("Epoch 3/20 validation 1/3 ━━━━━━", line);
        Assert.Contains(" 3m00s 90000ms/step", line);
    }

    [Fact]
    public void Redraws_at_most_ten_per_second()
    {
        var clock = new FakeTimeProvider();
        var diagnostics = new StringWriter();
        var console = new TrainingConsole(new StringWriter(), diagnostics, clock);
        var renderer = new LiveProgressRenderer(console, clock, 200);

        for (var step = 0; step <= 12; step++)
        {
            renderer.OnProgress(null, Step(step));
            clock.Advance(TimeSpan.FromMilliseconds(30));
        }

        // Steps 0 and 12 always draw; in between, 30 ms apart, only steps 4 and 8 pass the 100 ms limit.
        var draws = diagnostics.ToString().Split('\r', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, draws.Length);
        Assert.StartsWith("Epoch 3/20  4/12", draws[1]);
        Assert.StartsWith("Epoch 3/20 12/12", draws[^1]);
    }

    [Fact]
    public void Completed_phase_clears_line()
    {
        var clock = new FakeTimeProvider();
        var diagnostics = new StringWriter();
        var results = new StringWriter();
        var console = new TrainingConsole(results, diagnostics, clock);
        var renderer = new LiveProgressRenderer(console, clock, 200);

        renderer.OnProgress(null, Step(12));
        renderer.OnProgress(null, Step(12, completed: true));
        console.Result(">> epoch line");

        Assert.EndsWith("\r\u001b[K", diagnostics.ToString());
        Assert.Equal(">> epoch line" + Environment.NewLine, results.ToString());
    }

    [Fact]
    public void Long_line_cut_to_terminal_width()
    {
        var clock = new FakeTimeProvider();
        var diagnostics = new StringWriter();
        var renderer = new LiveProgressRenderer(new TrainingConsole(new StringWriter(), diagnostics, clock), clock, 40);

        renderer.OnProgress(null, Step(0));

        Assert.Equal("\r".Length + 39 + "\u001b[K".Length, diagnostics.ToString().Length);
    }

    [Fact]
    public void Line_erases_live_bar_first()
    {
        var clock = new FakeTimeProvider();
        var diagnostics = new StringWriter();
        var console = new TrainingConsole(new StringWriter(), diagnostics, clock);

        console.Live("bar");
        console.Diagnostic("warning: something");

        Assert.Equal("\rbar\u001b[K\r\u001b[Kwarning: something" + Environment.NewLine, diagnostics.ToString());
    }

    [Fact]
    public void Heartbeat_after_thirty_silent_seconds()
    {
        var clock = new FakeTimeProvider();
        var diagnostics = new StringWriter();
        var console = new TrainingConsole(new StringWriter(), diagnostics, clock);
        using var heartbeat = new PlainHeartbeat(console, clock);

        heartbeat.OnProgress(null, Step(3));
        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(string.Empty, diagnostics.ToString());

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("still training: epoch 3/20, 3/12 steps done; the last step finished 30 s ago." + Environment.NewLine, diagnostics.ToString());

        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Single(diagnostics.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));

        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(2, diagnostics.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void Heartbeat_silent_when_lines_flow()
    {
        var clock = new FakeTimeProvider();
        var diagnostics = new StringWriter();
        var results = new StringWriter();
        var console = new TrainingConsole(results, diagnostics, clock);
        using var heartbeat = new PlainHeartbeat(console, clock);

        for (var epoch = 0; epoch < 5; epoch++)
        {
            heartbeat.OnProgress(null, Step(epoch));
            clock.Advance(TimeSpan.FromSeconds(20));
            console.Result(">> epoch line");
        }

        Assert.Equal(string.Empty, diagnostics.ToString());
    }

    [Fact]
    public void Heartbeat_silent_between_phases()
    {
        var clock = new FakeTimeProvider();
        var diagnostics = new StringWriter();
        using var heartbeat = new PlainHeartbeat(new TrainingConsole(new StringWriter(), diagnostics, clock), clock);

        heartbeat.OnProgress(null, Step(12, completed: true));
        clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(string.Empty, diagnostics.ToString());
    }
}
