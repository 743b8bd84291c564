using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("KerasClassifier.Cli.Tests")]
