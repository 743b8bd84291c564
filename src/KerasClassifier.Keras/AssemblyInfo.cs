using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("KerasClassifier.Keras.Tests")]
[assembly: InternalsVisibleTo("KerasClassifier.Cli")]
[assembly: InternalsVisibleTo("KerasClassifier.Cli.Tests")]
