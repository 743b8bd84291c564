using KerasClassifier.Cli.CommandLine;
using KerasClassifier.Keras.Losses;
using KerasClassifier.Keras.Models;
using KerasClassifier.Keras.Optimizers;
using KerasClassifier.Keras.Saving;

namespace KerasClassifier.Cli.Commands;

/// <summary>A saved model loaded for <c>fit --resume</c>, with the class names and image size it was trained with.</summary>
internal sealed class ResumedModel
{
    private ResumedModel(string path, Model model, IReadOnlyList<string>? classNames, int imageSize)
    {
        Path = path;
        Model = model;
        ClassNames = classNames;
        ImageSize = imageSize;
    }

    public string Path { get; }

    public Model Model { get; }

    /// <summary>Gets the class names saved beside the model, which fix the label ids of the new data; null when there is no list.</summary>
    public IReadOnlyList<string>? ClassNames { get; }

    public int ImageSize { get; }

    public static ResumedModel Load(string path, FitSettings settings, TextWriter diagnostics)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new UsageException($"--resume '{path}' does not exist; expected a model saved by fit (.keras or .h5) or a SavedModel folder.");
        }

        var result = KerasModels.Load(path);
        foreach (var warning in result.Warnings)
        {
            diagnostics.WriteLine("warning: " + warning);
        }

        var model = result.Model;
        var inputShape = model.InputShape;
        if (inputShape is not { Rank: 4 } || inputShape[1] is not int height || inputShape[2] is not int width || height != width || inputShape[3] != 3)
        {
            throw new UsageException($"--resume '{path}': the model's input shape {inputShape} is not a square RGB image (None, N, N, 3), which fit trains on.");
        }

        if (settings.ImageSize is { } requested && requested != height)
        {
            throw new UsageException($"--image-size {requested} does not match the resumed model's input size {height}; leave --image-size out when resuming.");
        }

        if (!model.Compiled)
        {
            // A file saved without compile settings resumes with fit's own optimizer and loss.
            model.Compile(OptimizerFactory.Get(settings.Optimizer, settings.LearningRate), FitPhases.CreateLoss(settings), ["accuracy"]);
            diagnostics.WriteLine($"warning: {path} has no saved optimizer; training continues with a new {settings.Optimizer} optimizer.");
        }
        else if (!result.OptimizerStateRestored)
        {
            diagnostics.WriteLine($"warning: {path} has no optimizer state; the optimizer starts afresh.");
        }

        if (settings.LearningRate is { } learningRate)
        {
            model.Optimizer!.LearningRate = learningRate;
        }

        return new ResumedModel(path, model, ModelFiles.ReadClassNames(path), height);
    }

    /// <summary>Rejects data whose class count differs from the model's output size.</summary>
    public void RequireClassCount(int classCount, string dataPath)
    {
        var outputs = Model.OutputShape?[-1];
        if (outputs != classCount)
        {
            throw new UsageException(
                $"--resume '{Path}' predicts {outputs} classes but the data in '{dataPath}' has {classCount}; resume with data of the same classes, or train a new model.");
        }
    }
}
