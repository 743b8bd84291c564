using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("KerasClassifier.Keras.Tests")]
[assembly: InternalsVisibleTo("KerasClassifier.Cli")]

// The CLI project builds an assembly named kerasclassifier, after the command.
[assembly: InternalsVisibleTo("kerasclassifier")]
[assembly: InternalsVisibleTo("KerasClassifier.Cli.Tests")]

// The pipeline benchmark recycles batches the way Fit does.
[assembly: InternalsVisibleTo("TrainingBenchmark")]
