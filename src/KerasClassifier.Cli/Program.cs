using KerasClassifier.Cli;

return ProgramEntry.Run(args, Console.Out, Console.Error);
