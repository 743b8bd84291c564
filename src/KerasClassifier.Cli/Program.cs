using KerasClassifier.Cli;
using KerasClassifier.Cli.Rendering;

return ProgramEntry.Run(args, Console.Out, Console.Error, TerminalInfo.Detect());
