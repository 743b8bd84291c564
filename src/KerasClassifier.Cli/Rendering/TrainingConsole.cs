namespace KerasClassifier.Cli.Rendering;

/// <summary>
/// Serializes all training output: result lines to stdout, diagnostics and the live progress line to
/// stderr. Any full line first erases the live line, so the two streams never interleave on a terminal.
/// </summary>
/// <remarks>Thread-safe: the heartbeat timer writes from a thread-pool thread.</remarks>
internal sealed class TrainingConsole
{
    private readonly object gate = new();
    private readonly TextWriter results;
    private readonly TextWriter diagnostics;
    private readonly TimeProvider timeProvider;
    private long lastLine;
    private bool liveShown;

    public TrainingConsole(TextWriter results, TextWriter diagnostics, TimeProvider timeProvider)
    {
        this.results = results;
        this.diagnostics = diagnostics;
        this.timeProvider = timeProvider;
        lastLine = timeProvider.GetTimestamp();
    }

    /// <summary>Gets the time since the last full line on either stream.</summary>
    public TimeSpan SinceLastLine
    {
        get
        {
            lock (gate)
            {
                return timeProvider.GetElapsedTime(lastLine);
            }
        }
    }

    /// <summary>Writes a result line (epoch lines, final metrics) to stdout.</summary>
    public void Result(string line) => WriteLine(results, line);

    /// <summary>Writes a diagnostic line (events, warnings, stop reasons) to stderr.</summary>
    public void Diagnostic(string line) => WriteLine(diagnostics, line);

    /// <summary>Replaces the live line on stderr with <paramref name="text"/>, without a line break.</summary>
    public void Live(string text)
    {
        lock (gate)
        {
            diagnostics.Write("\r" + text + "\u001b[K");
            diagnostics.Flush();
            liveShown = true;
        }
    }

    /// <summary>Erases the live line, if one is shown.</summary>
    public void ClearLive()
    {
        lock (gate)
        {
            ClearLiveLocked();
        }
    }

    private void WriteLine(TextWriter writer, string line)
    {
        lock (gate)
        {
            ClearLiveLocked();
            writer.WriteLine(line);
            writer.Flush();
            lastLine = timeProvider.GetTimestamp();
        }
    }

    private void ClearLiveLocked()
    {
        if (!liveShown)
        {
            return;
        }

        diagnostics.Write("\r\u001b[K");
        diagnostics.Flush();
        liveShown = false;
    }
}
