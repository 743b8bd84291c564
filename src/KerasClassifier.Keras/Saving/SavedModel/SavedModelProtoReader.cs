using Google.Protobuf;
using KerasClassifier.Keras.Saving.SavedModel.Protos;

namespace KerasClassifier.Keras.Saving.SavedModel;

/// <summary>Reads <c>saved_model.pb</c> and picks the meta graph that Keras models are served from.</summary>
internal static class SavedModelProtoReader
{
    private const string ServeTag = "serve";

    /// <summary>Parses the SavedModel proto and returns its <c>serve</c> meta graph, or the first one.</summary>
    /// <param name="paths">The folder's files.</param>
    /// <returns>The meta graph.</returns>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">The folder has no <c>saved_model.pb</c>.</exception>
    /// <exception cref="NotSupportedException">The folder has only the text-format <c>saved_model.pbtxt</c>.</exception>
    /// <exception cref="InvalidDataException">The file cannot be parsed or contains no meta graph.</exception>
    public static MetaGraphDef ReadMetaGraph(SavedModelPaths paths)
    {
        if (!Directory.Exists(paths.Folder))
        {
            throw new DirectoryNotFoundException($"SavedModel folder '{paths.Folder}' was not found.");
        }

        if (!File.Exists(paths.SavedModelFile))
        {
            if (File.Exists(paths.SavedModelTextFile))
            {
                throw new NotSupportedException(
                    $"SavedModel folder '{paths.Folder}' has only the text-format saved_model.pbtxt; convert it to the binary saved_model.pb to load it.");
            }

            throw new FileNotFoundException(
                $"'{paths.Folder}' is not a SavedModel folder: '{paths.SavedModelFile}' was not found.", paths.SavedModelFile);
        }

        SavedModelProto savedModel;
        try
        {
            using var stream = File.OpenRead(paths.SavedModelFile);
            savedModel = SavedModelProto.Parser.ParseFrom(stream);
        }
        catch (InvalidProtocolBufferException exception)
        {
            throw new InvalidDataException($"SavedModel file '{paths.SavedModelFile}' cannot be parsed: {exception.Message}", exception);
        }

        if (savedModel.MetaGraphs.Count == 0)
        {
            throw new InvalidDataException($"SavedModel file '{paths.SavedModelFile}' contains no meta graph.");
        }

        return savedModel.MetaGraphs.FirstOrDefault(m => m.MetaInfoDef?.Tags.Contains(ServeTag) == true) ?? savedModel.MetaGraphs[0];
    }
}
