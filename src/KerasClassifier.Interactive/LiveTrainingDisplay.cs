using System.Globalization;
using System.Text;
using KerasClassifier.Keras.Callbacks;
using KerasClassifier.Keras.Training;

namespace KerasClassifier.Interactive;

/// <summary>
/// A training callback that shows one display in the notebook cell and redraws it as <c>Fit</c> runs:
/// the epoch and step, the running metrics, a table of finished epochs and the curves so far.
/// </summary>
/// <remarks>
/// After the first drawing, redraws happen at most once per <c>minimumInterval</c> (default one
/// second) and once more when training ends, so a fast loop does not flood the notebook. Outside a
/// notebook kernel nothing is shown.
/// </remarks>
/// <example>
/// <code>
/// var history = model.Fit(train, epochs: 10, validationData: val, callbacks: [new LiveTrainingDisplay()]);
/// </code>
/// </example>
public sealed class LiveTrainingDisplay : Callback
{
    private readonly ITrainingDisplaySink sink;
    private readonly TimeSpan minimumInterval;
    private readonly TimeProvider time;
    private readonly List<string> warnings = [];

    private History finished = new();
    private IReadOnlyDictionary<string, double> running = new Dictionary<string, double>();
    private string phase = "starting";
    private int epoch;
    private int step;
    private long startTimestamp;
    private long? lastDrawTimestamp;
    private string? stopMessage;
    private bool ended;
    private int chartEpochs = -1;
    private string chartHtml = string.Empty;

    /// <summary>Initializes a new instance of the <see cref="LiveTrainingDisplay"/> class.</summary>
    /// <param name="minimumInterval">The shortest time between two redraws; default one second.</param>
    /// <param name="timeProvider">The clock for the throttle and the elapsed time; default the system clock.</param>
    public LiveTrainingDisplay(TimeSpan? minimumInterval = null, TimeProvider? timeProvider = null)
        : this(new KernelDisplaySink(), minimumInterval, timeProvider)
    {
    }

    internal LiveTrainingDisplay(ITrainingDisplaySink sink, TimeSpan? minimumInterval, TimeProvider? timeProvider)
    {
        ArgumentNullException.ThrowIfNull(sink);
        if (minimumInterval is { } interval && interval < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(minimumInterval), interval, "Invalid minimumInterval; expected zero or more.");
        }

        this.sink = sink;
        this.minimumInterval = minimumInterval ?? TimeSpan.FromSeconds(1);
        time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Gets the number of times the display was drawn, the first showing included.</summary>
    public int DrawCount { get; private set; }

    /// <inheritdoc/>
    /// <remarks>Running metrics cost one host synchronisation per step, which the display needs to show them.</remarks>
    public override bool WantsBatchLogs => true;

    /// <inheritdoc/>
    public override void OnTrainBegin(IReadOnlyDictionary<string, double> logs)
    {
        finished = new History();
        running = new Dictionary<string, double>();
        warnings.Clear();
        phase = "starting";
        epoch = InitialEpoch;
        step = 0;
        stopMessage = null;
        ended = false;
        chartEpochs = -1;
        startTimestamp = time.GetTimestamp();
        lastDrawTimestamp = null;

        sink.Show(RenderHtml());
        DrawCount = 1;
        lastDrawTimestamp = time.GetTimestamp();
    }

    /// <inheritdoc/>
    public override void OnEpochBegin(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        this.epoch = epoch;
        step = 0;
        phase = "training";
        running = new Dictionary<string, double>();
        DrawIfDue();
    }

    /// <inheritdoc/>
    public override void OnTrainBatchEnd(int batch, IReadOnlyDictionary<string, double> logs)
    {
        step = batch + 1;
        running = new Dictionary<string, double>(logs);
        DrawIfDue();
    }

    /// <inheritdoc/>
    public override void OnTestBegin(IReadOnlyDictionary<string, double> logs)
    {
        phase = "validating";
        DrawIfDue();
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        finished.OnEpochEnd(epoch, logs);
        phase = "epoch done";
        DrawIfDue();
    }

    /// <inheritdoc/>
    public override void OnWarning(string message) => warnings.Add(message);

    /// <inheritdoc/>
    public override void OnStop(StopReason reason, string message) => stopMessage = message;

    /// <inheritdoc/>
    public override void OnTrainEnd(IReadOnlyDictionary<string, double> logs)
    {
        ended = true;
        phase = "finished";
        Draw();
    }

    /// <summary>Renders the current state as HTML, as the display shows it.</summary>
    /// <returns>The HTML fragment.</returns>
    public string RenderHtml()
    {
        var html = new StringBuilder("<div class=\"kc-live\">");
        html.Append($"<div><b>Epoch {(epoch + 1).ToString(CultureInfo.InvariantCulture)}/{TotalEpochs}</b> · ")
            .Append($"step {step.ToString(CultureInfo.InvariantCulture)}{(PlannedSteps is long planned ? "/" + planned.ToString(CultureInfo.InvariantCulture) : string.Empty)} · ")
            .Append($"{Html.Encode(phase)} · {FormatElapsed(time.GetElapsedTime(startTimestamp))} elapsed</div>");
        html.Append(PlannedSteps is long total && total > 0
            ? $"<progress value=\"{step.ToString(CultureInfo.InvariantCulture)}\" max=\"{total.ToString(CultureInfo.InvariantCulture)}\" style=\"width:320px\"></progress>"
            : "<progress style=\"width:320px\"></progress>");

        if (running.Count > 0 && !ended)
        {
            html.Append("<div>")
                .Append(string.Join(" · ", running.Select(pair => $"{Html.Encode(pair.Key)} {Html.Metric(pair.Key, pair.Value)}")))
                .Append("</div>");
        }

        if (finished.Epochs.Count > 0)
        {
            var curves = new TrainingCurves(finished);
            html.Append(curves.EpochTableHtml()).Append(ChartHtml(curves));
        }

        foreach (string warning in warnings.Distinct(StringComparer.Ordinal))
        {
            html.Append($"<div style=\"color:#b35900\">warning: {Html.Encode(warning)}</div>");
        }

        if (stopMessage is not null)
        {
            html.Append($"<div>{Html.Encode(stopMessage)}</div>");
        }

        html.Append("</div>");
        return html.ToString();
    }

    private int InitialEpoch => Params.TryGetValue("initial_epoch", out var value) && value is int initial ? initial : 0;

    private string TotalEpochs => Params.TryGetValue("epochs", out var value) && value is int epochs ? epochs.ToString(CultureInfo.InvariantCulture) : "?";

    private long? PlannedSteps => Params.TryGetValue("steps", out var value) ? value switch
    {
        int steps => steps,
        long steps => steps,
        _ => null,
    } : null;

    private void DrawIfDue()
    {
        if (lastDrawTimestamp is long last && time.GetElapsedTime(last) < minimumInterval)
        {
            return;
        }

        Draw();
    }

    private void Draw()
    {
        string html = RenderHtml();
        if (DrawCount == 0)
        {
            sink.Show(html);
        }
        else
        {
            sink.Update(html);
        }

        DrawCount++;
        lastDrawTimestamp = time.GetTimestamp();
    }

    // Charts take about 0.1 s each to render, so they are redrawn only when an epoch was added.
    private string ChartHtml(TrainingCurves curves)
    {
        if (curves.EpochCount != chartEpochs)
        {
            chartHtml = string.Concat(curves.MetricNames.Select(metric => Html.PngImage(curves.RenderPng(metric, 400, 260), $"{metric} per epoch")));
            chartEpochs = curves.EpochCount;
        }

        return chartHtml;
    }

    private static string FormatElapsed(TimeSpan elapsed) =>
        elapsed.TotalHours >= 1
            ? elapsed.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
            : elapsed.ToString(@"mm\:ss", CultureInfo.InvariantCulture);
}
