using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Saving;
using KerasClassifier.Keras.Saving.KerasV3;
using KerasClassifier.Keras.Saving.LegacyH5;
using KerasClassifier.Keras.Saving.Serialization;

namespace KerasClassifier.Keras.Models;

public abstract partial class Model
{
    /// <summary>
    /// Gets the layers as Keras's <c>model.layers</c> lists them, in the order file formats store
    /// them: Sequential leaves the InputLayer out, a functional model includes it.
    /// </summary>
    internal virtual IReadOnlyList<Layer> SavedLayers => Layers;

    /// <summary>Gets the variables the model owns directly rather than through a layer (a subclassed model's own weights).</summary>
    internal IReadOnlyList<KerasVariable> OwnVariables => OwnWeights;

    /// <summary>Saves the architecture, weights, compile settings and optimizer state, as Keras's <c>model.save</c>.</summary>
    /// <remarks>
    /// The extension picks the format: <c>.keras</c> writes Keras 3's zip archive, <c>.h5</c> or
    /// <c>.hdf5</c> the legacy HDF5 full-model file; both load in Python Keras 3. The epoch count
    /// (<see cref="EpochsCompleted"/>) is stored where Keras ignores it. The write is atomic: an
    /// existing file is replaced only once the new one is complete.
    /// </remarks>
    /// <param name="path">The target file; an existing file is overwritten.</param>
    /// <exception cref="ArgumentException">The extension is neither <c>.keras</c> nor <c>.h5</c>/<c>.hdf5</c>, or is <c>.weights.h5</c>.</exception>
    /// <exception cref="NotSupportedException">A layer type is not registered with <see cref="LayerRegistry"/>.</exception>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (path.EndsWith(".keras", StringComparison.OrdinalIgnoreCase))
        {
            KerasArchiveWriter.Write(this, path);
        }
        else if (path.EndsWith(".weights.h5", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException(
                $"Invalid path '{path}' for Save: '.weights.h5' is the weights-only format; call SaveWeights for it, or use a '.keras' path to save the whole model.",
                nameof(path));
        }
        else if (path.EndsWith(".h5", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".hdf5", StringComparison.OrdinalIgnoreCase))
        {
            LegacyH5Writer.WriteModel(this, path);
        }
        else
        {
            throw new ArgumentException(
                $"Invalid path '{path}' for Save: expected the extension '.keras' (Keras 3 format, recommended) or '.h5' (legacy HDF5 format).",
                nameof(path));
        }
    }

    /// <summary>Saves the weights only, as Keras's <c>model.save_weights</c>.</summary>
    /// <remarks>
    /// <c>.weights.h5</c> writes Keras 3's layout, with the optimizer state when the optimizer has
    /// taken a step; another <c>.h5</c> name writes Keras 2's weights-only layout, without the
    /// optimizer. The write is atomic.
    /// </remarks>
    /// <param name="path">The target file; an existing file is overwritten.</param>
    /// <exception cref="ArgumentException">The extension is not <c>.weights.h5</c> or <c>.h5</c>.</exception>
    public void SaveWeights(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (path.EndsWith(".weights.h5", StringComparison.OrdinalIgnoreCase))
        {
            var bytes = Saving.Hdf5.Hdf5Writing.ToBytes(WeightStoreWriter.Build(this, includeOptimizer: true, epochsCompleted: EpochsCompleted));
            AtomicFile.Write(path, stream => stream.Write(bytes));
        }
        else if (path.EndsWith(".h5", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".hdf5", StringComparison.OrdinalIgnoreCase))
        {
            LegacyH5Writer.WriteWeights(this, path);
        }
        else
        {
            throw new ArgumentException(
                $"Invalid path '{path}' for SaveWeights: expected the extension '.weights.h5' (Keras 3 layout) or '.h5' (Keras 2 layout); to save the whole model use Save with a '.keras' path.",
                nameof(path));
        }
    }

    /// <summary>Loads weights into this model, as Keras's <c>model.load_weights</c>; the format is detected from the content.</summary>
    /// <remarks>
    /// Accepts Keras 3 <c>.weights.h5</c> files and <c>.keras</c> archives (layers matched by class
    /// and position, optimizer state restored when this model is compiled), and legacy weights-only
    /// or full-model <c>.h5</c> files (layers with weights matched in order). Every shape is checked
    /// before any variable changes, so a failed load leaves the model as it was.
    /// </remarks>
    /// <param name="path">The file.</param>
    /// <param name="dataFormat">The <c>data_format</c> of the model that wrote a legacy file: <c>channels_last</c> (default), or <c>channels_first</c> to reorder the rows of a Dense kernel that follows a Flatten, needed only for files from Keras 2.1.5 and older.</param>
    /// <returns>The format, the writer's Keras version, whether optimizer state was restored, and warnings.</returns>
    /// <exception cref="InvalidOperationException">This model is not built, so its variables do not exist yet.</exception>
    /// <exception cref="ArgumentException"><paramref name="dataFormat"/> is neither <c>channels_last</c> nor <c>channels_first</c>.</exception>
    /// <exception cref="InvalidDataException">The file does not match this model; the message names the layer, variable, expected and found shapes, and the inner path.</exception>
    public LoadResult LoadWeights(string path, string dataFormat = "channels_last")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (dataFormat is not ("channels_last" or "channels_first"))
        {
            throw new ArgumentException($"Invalid dataFormat '{dataFormat}'; expected 'channels_last' or 'channels_first'.", nameof(dataFormat));
        }

        if (!Built)
        {
            throw new InvalidOperationException(
                $"Model '{Name}' is not built, so its variables do not exist yet; give it an InputLayer or call Build(inputShape) before LoadWeights.");
        }

        using var scope = new DeserializationScope();
        using var file = KerasFile.Open(path);
        string? kerasVersion = null;
        long? epochs;
        var restored = false;
        switch (file.Format)
        {
            case KerasFileFormat.KerasArchive or KerasFileFormat.KerasDirectory:
                restored = KerasArchiveReader.LoadWeightsMember(file.Archive!, this, restoreOptimizer: true);
                var metadata = KerasArchiveReader.ReadMetadata(file.Archive!);
                kerasVersion = ArchiveMetadata.KerasVersion(metadata);
                epochs = ArchiveMetadata.EpochsCompleted(metadata);
                break;
            case KerasFileFormat.KerasWeights:
                restored = WeightStoreLoader.Load(file.Hdf5!, this, file.Location, restoreOptimizer: true);
                epochs = WeightStoreReader.ReadEpochsCompleted(file.Hdf5!, file.Location);
                break;
            case KerasFileFormat.SavedModel:
                throw file.Location.Unsupported(
                    null,
                    "LoadWeights reads Keras files; for a SavedModel folder call SavedModelLoader.LoadWeightsByLayerOrder, or KerasModels.Load to rebuild the whole model.");
            default:
                kerasVersion = LegacyH5Reader.LoadWeights(file.Hdf5!, this, file.Location, dataFormat);
                epochs = WeightStoreReader.ReadEpochsCompleted(file.Hdf5!, file.Location);
                break;
        }

        if (epochs is not null)
        {
            EpochsCompleted = (int)epochs.Value;
        }

        return new LoadResult(this, file.Format, kerasVersion, Compiled, restored, scope.Warnings);
    }
}
