using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("KerasClassifier.Interactive.Tests")]
