namespace KerasClassifier.Cli.Rendering;

/// <summary>What the diagnostics stream is attached to, which decides between the live bar and plain lines.</summary>
/// <param name="IsInteractive">Whether stderr is a terminal that can redraw a line in place.</param>
/// <param name="Width">The terminal width in columns; 80 when unknown.</param>
internal sealed record TerminalInfo(bool IsInteractive, int Width)
{
    /// <summary>Gets the settings for pipes, files and CI logs: plain lines, 80 columns.</summary>
    public static TerminalInfo Plain { get; } = new(false, 80);

    /// <summary>Inspects the process's console: interactive when stderr is not redirected and TERM is not <c>dumb</c>.</summary>
    public static TerminalInfo Detect()
    {
        var interactive = !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("TERM") != "dumb";
        var width = 80;
        if (interactive)
        {
            try
            {
                width = Console.WindowWidth > 0 ? Console.WindowWidth : 80;
            }
            catch (IOException)
            {
                // No console window behind the handle: keep the default width.
            }
        }

        return new TerminalInfo(interactive, width);
    }
}
