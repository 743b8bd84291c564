namespace KerasClassifier.Keras.Saving.SavedModel;

/// <summary>The files of a SavedModel folder.</summary>
/// <param name="Folder">The folder that contains <c>saved_model.pb</c>.</param>
internal sealed record SavedModelPaths(string Folder)
{
    /// <summary>Gets the binary SavedModel proto.</summary>
    public string SavedModelFile => Path.Combine(Folder, "saved_model.pb");

    /// <summary>Gets the text-format SavedModel proto, which this reader does not parse.</summary>
    public string SavedModelTextFile => Path.Combine(Folder, "saved_model.pbtxt");

    /// <summary>Gets the Keras metadata file of TensorFlow/Keras 2.5 and later.</summary>
    public string KerasMetadataFile => Path.Combine(Folder, "keras_metadata.pb");

    /// <summary>Gets the model JSON of TF 1.x experimental Keras exports.</summary>
    public string AssetsModelJsonFile => Path.Combine(Folder, "assets", "saved_model.json");

    /// <summary>Gets the checkpoint prefix: <c>variables/variables</c> plus <c>.index</c> or <c>.data-*</c>.</summary>
    public string VariablesPrefix => Path.Combine(Folder, "variables", "variables");
}
