using System.Text.RegularExpressions;
using KerasClassifier.Cli.CommandLine;
using KerasClassifier.Cli.Commands;
using KerasClassifier.Cli.Rendering;

namespace KerasClassifier.Cli;

/// <summary>Dispatches a command line to its command and maps failures to one error line and an exit code.</summary>
internal static partial class ProgramEntry
{
    private const string Usage = """
        Usage: kerasclassifier COMMAND [options]

        Commands:
          fit        Train an image classifier and print one training and one testing line per epoch.
          check      Report class counts, unreadable files, duplicates and train/validation overlap of a dataset.
          evaluate   Print per-class accuracy and the most confused pairs of a trained model; write a confusion matrix.
          predict    Classify photos with a saved model, one line per photo.
          summary    Print a saved model's layers, output shapes and parameter counts.

        Run 'kerasclassifier COMMAND --help' for a command's options. Add --verbose to see stack traces.
        """;

    public static int Run(string[] args, TextWriter results, TextWriter diagnostics, TerminalInfo? terminal = null, TimeProvider? timeProvider = null)
    {
        var verbose = args.Contains("--verbose");
        var rest = args.Where(a => a != "--verbose").ToList();
        if (rest.Count == 0 || rest[0] is "--help" or "-h" or "help")
        {
            results.WriteLine(Usage);
            return rest.Count == 0 ? ExitCodes.InvalidInput : ExitCodes.Success;
        }

        using var cancellation = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            if (cancellation.IsCancellationRequested)
            {
                // A second Ctrl+C ends the process at once.
                return;
            }

            e.Cancel = true;
            // In a terminal the live progress line is erased first, so the message gets a line of its own.
            var erase = terminal?.IsInteractive == true ? "\r\u001b[K" : string.Empty;
            diagnostics.WriteLine(erase + "Stopping after the current step; press Ctrl+C again to stop at once.");
            cancellation.Cancel();
        };
        Console.CancelKeyPress += onCancel;

        try
        {
            return rest[0] switch
            {
                "fit" => new FitCommand(results, diagnostics, terminal, timeProvider).Run(rest.Skip(1).ToList(), cancellation.Token),
                "check" => new CheckCommand(results).Run(rest.Skip(1).ToList()),
                "evaluate" => new EvaluateCommand(results, diagnostics).Run(rest.Skip(1).ToList(), cancellation.Token),
                "predict" => new PredictCommand(results, diagnostics).Run(rest.Skip(1).ToList()),
                "summary" => new SummaryCommand(results, diagnostics).Run(rest.Skip(1).ToList()),
                _ => throw new UsageException($"unknown command '{rest[0]}'; expected fit, check, evaluate, predict or summary. Run 'kerasclassifier --help' for the commands."),
            };
        }
        catch (TrainingFailedException ex)
        {
            WriteError(diagnostics, ex.Message, ex.InnerException, verbose);
            return ExitCodes.Failure;
        }
        catch (Exception ex) when (IsInputError(ex))
        {
            WriteError(diagnostics, ex.Message, ex, verbose);
            return ExitCodes.InvalidInput;
        }
        catch (Exception ex)
        {
            WriteError(diagnostics, ex.Message, ex, verbose);
            return ExitCodes.Failure;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>Removes the parameter name that .NET appends to argument exceptions and joins the lines of a message.</summary>
    /// <remarks>
    /// <see cref="ArgumentException.Message"/> ends with " (Parameter 'name')", which names a C# parameter the user
    /// never typed, and <see cref="ArgumentOutOfRangeException"/> adds the actual value on a line of its own.
    /// </remarks>
    internal static string ToOneLine(string message) =>
        ParameterSuffix().Replace(message, string.Empty).ReplaceLineEndings(" ");

    [GeneratedRegex(@" \(Parameter '[^']*'\)")]
    private static partial Regex ParameterSuffix();

    private static bool IsInputError(Exception ex) => ex is UsageException or ArgumentException or FileNotFoundException
        or DirectoryNotFoundException or InvalidDataException or NotSupportedException or FormatException;

    private static void WriteError(TextWriter diagnostics, string message, Exception? ex, bool verbose)
    {
        diagnostics.WriteLine("error: " + ToOneLine(message));
        if (verbose && ex is not null)
        {
            diagnostics.WriteLine(ex.ToString());
        }
    }
}
