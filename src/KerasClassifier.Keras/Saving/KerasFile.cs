using System.Text;
using KerasClassifier.Keras.Saving.Hdf5;
using KerasClassifier.Keras.Saving.KerasV3;
using PureHDF;
using PureHDF.VOL.Native;

namespace KerasClassifier.Keras.Saving;

/// <summary>
/// An open model or weights file whose format was detected from its content: the zip signature
/// for <c>.keras</c> archives, the HDF5 signature and then the root attributes and groups for the
/// HDF5 formats. The extension plays no part, since real files are often misnamed.
/// </summary>
internal sealed class KerasFile : IDisposable
{
    private readonly Stream? stream;

    private KerasFile(KerasFileFormat format, FileLocation location, ArchiveSource? archive, Stream? stream, NativeFile? hdf5)
    {
        Format = format;
        Location = location;
        Archive = archive;
        this.stream = stream;
        Hdf5 = hdf5;
    }

    /// <summary>Gets the detected format.</summary>
    public KerasFileFormat Format { get; }

    /// <summary>Gets the file, for messages.</summary>
    public FileLocation Location { get; }

    /// <summary>Gets the archive of a <see cref="KerasFileFormat.KerasArchive"/> or <see cref="KerasFileFormat.KerasDirectory"/>.</summary>
    public ArchiveSource? Archive { get; }

    /// <summary>Gets the HDF5 file of the other formats.</summary>
    public IH5Group? Hdf5 { get; }

    /// <summary>Opens a file or folder and detects its format.</summary>
    /// <param name="path">The path.</param>
    /// <returns>The open file.</returns>
    /// <exception cref="FileNotFoundException">Nothing exists at the path.</exception>
    /// <exception cref="InvalidDataException">The content is not a Keras file, or is damaged.</exception>
    public static KerasFile Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var location = new FileLocation(path);
        if (Directory.Exists(path))
        {
            return OpenFolder(path, location);
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Model file '{path}' was not found.", path);
        }

        var head = new byte[64];
        int read;
        using (var probe = File.OpenRead(path))
        {
            read = probe.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }

        if (read >= 4 && head[0] == (byte)'P' && head[1] == (byte)'K' && head[2] is 3 or 5 && head[3] is 4 or 6)
        {
            return new KerasFile(KerasFileFormat.KerasArchive, location, ArchiveSource.OpenZip(path), null, null);
        }

        if (read >= 8 && head.AsSpan(0, 8).SequenceEqual(Hdf5File.Signature))
        {
            return OpenHdf5(path, location);
        }

        throw location.Invalid(null, DescribeUnknown(head.AsSpan(0, read)));
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Archive?.Dispose();
        (Hdf5 as IDisposable)?.Dispose();
        stream?.Dispose();
    }

    private static KerasFile OpenFolder(string path, FileLocation location)
    {
        if (File.Exists(Path.Combine(path, KerasFileConstants.ConfigMember)))
        {
            return new KerasFile(KerasFileFormat.KerasDirectory, location, ArchiveSource.OpenFolder(path), null, null);
        }

        if (File.Exists(Path.Combine(path, "saved_model.pb")))
        {
            return new KerasFile(KerasFileFormat.SavedModel, location, null, null, null);
        }

        throw location.Invalid(null, $"the folder has no {KerasFileConstants.ConfigMember}, so it is not an unzipped Keras archive.");
    }

    private static KerasFile OpenHdf5(string path, FileLocation location)
    {
        var stream = File.OpenRead(path);
        NativeFile? file = null;
        try
        {
            file = Hdf5File.Open(stream, location);
            var format = Classify(file)
                ?? throw location.Invalid(
                    "/",
                    "the HDF5 file has neither a model_config or layer_names attribute nor layers/vars groups, so it contains no Keras model or weights.");
            return new KerasFile(format, location, null, stream, file);
        }
        catch
        {
            file?.Dispose();
            stream.Dispose();
            throw;
        }
    }

    private static KerasFileFormat? Classify(NativeFile file)
    {
        if (file.AttributeExists("model_config"))
        {
            return KerasFileFormat.LegacyHdf5Model;
        }

        if (file.AttributeExists("layer_names") || file.AttributeExists("layer_names0") || file.LinkExists("model_weights"))
        {
            return KerasFileFormat.LegacyHdf5Weights;
        }

        if (file.LinkExists("layers") || file.LinkExists("vars") || file.LinkExists("optimizer") || file.LinkExists("_layer_checkpoint_dependencies"))
        {
            return KerasFileFormat.KerasWeights;
        }

        return null;
    }

    private static string DescribeUnknown(ReadOnlySpan<byte> head)
    {
        if (head.Length == 0)
        {
            return "the file is empty.";
        }

        var text = Encoding.ASCII.GetString(head);
        if (text.StartsWith("version https://git-lfs", StringComparison.Ordinal))
        {
            return "the file is a Git LFS pointer, not the model itself; fetch the content with 'git lfs pull'.";
        }

        if (text.TrimStart().StartsWith('{'))
        {
            return "the file looks like JSON; a model config alone (model.to_json()) has no weights. Load a .keras or .h5 file instead.";
        }

        return $"the content is neither a zip archive (.keras) nor HDF5 (.h5); it starts with bytes {Convert.ToHexString(head[..Math.Min(8, head.Length)])}.";
    }
}
