using System.Text;
using PureHDF;

namespace KerasClassifier.Keras.Saving.Hdf5;

/// <summary>Reads the attribute and dataset forms that Keras writers have used, with errors that name the HDF5 path.</summary>
internal static class Hdf5Reading
{
    /// <summary>Reads a list of names such as <c>layer_names</c> or <c>weight_names</c>.</summary>
    /// <remarks>
    /// Accepts variable- and fixed-length strings in ASCII or UTF-8 (padding removed), a single
    /// string, the empty list stored as a zero-length float64 array, and long lists split into
    /// numbered attributes <c>name0</c>, <c>name1</c>...
    /// </remarks>
    /// <param name="owner">The group or dataset with the attribute.</param>
    /// <param name="ownerPath">The group's HDF5 path, for messages.</param>
    /// <param name="name">The attribute name.</param>
    /// <param name="location">The file, for messages.</param>
    /// <returns>The names, or null when the attribute is missing.</returns>
    public static IReadOnlyList<string>? ReadStringList(IH5Object owner, string ownerPath, string name, FileLocation location)
    {
        var path = $"{ownerPath.TrimEnd('/')}@{name}";
        try
        {
            if (owner.AttributeExists(name))
            {
                return ReadStrings(owner.Attribute(name), path, location);
            }

            var chunks = new List<string>();
            for (var i = 0; owner.AttributeExists($"{name}{i}"); i++)
            {
                chunks.AddRange(ReadStrings(owner.Attribute($"{name}{i}"), $"{path}{i}", location));
            }

            return chunks.Count > 0 || owner.AttributeExists($"{name}0") ? chunks : null;
        }
        catch (Exception ex) when (ex is not InvalidDataException)
        {
            throw location.Invalid(path, $"the attribute cannot be read: {ex.Message}", ex);
        }
    }

    /// <summary>Reads a string attribute stored as a scalar or a one-element array; null when missing.</summary>
    public static string? ReadString(IH5Object owner, string ownerPath, string name, FileLocation location)
    {
        var values = ReadStringList(owner, ownerPath, name, location);
        if (values is null)
        {
            return null;
        }

        return values.Count == 1 ? values[0] : throw location.Invalid($"{ownerPath.TrimEnd('/')}@{name}", $"expected one string, found {values.Count}.");
    }

    /// <summary>Reads an integer attribute stored as a scalar or one-element array; null when missing.</summary>
    public static long? ReadInteger(IH5Object owner, string ownerPath, string name, FileLocation location)
    {
        if (!owner.AttributeExists(name))
        {
            return null;
        }

        var path = $"{ownerPath.TrimEnd('/')}@{name}";
        try
        {
            var attribute = owner.Attribute(name);
            if (attribute.Type.Class != H5DataTypeClass.FixedPoint)
            {
                throw location.Invalid(path, $"expected an integer, found HDF5 type class {attribute.Type.Class}.");
            }

            var values = attribute.Read<long[]>();
            return values.Length == 1 ? values[0] : throw location.Invalid(path, $"expected one integer, found {values.Length}.");
        }
        catch (Exception ex) when (ex is not InvalidDataException)
        {
            throw location.Invalid(path, $"the attribute cannot be read: {ex.Message}", ex);
        }
    }

    /// <summary>Reads a numeric dataset as float32 or int64 values with its shape.</summary>
    /// <param name="dataset">The dataset.</param>
    /// <param name="path">Its HDF5 path, for messages.</param>
    /// <param name="location">The file, for messages.</param>
    /// <returns>The values.</returns>
    /// <exception cref="InvalidDataException">The dataset is not numeric or cannot be read.</exception>
    public static StoredArray ReadArray(IH5Dataset dataset, string path, FileLocation location)
    {
        try
        {
            var shape = dataset.Space.Dimensions.Select(d => checked((int)d)).ToArray();
            var type = dataset.Type;
            var isBfloat16 = type.Size == 2 && dataset.AttributeExists("dtype") && dataset.Attribute("dtype").Read<string>() == "bfloat16";
            return (type.Class, type.Size) switch
            {
                (H5DataTypeClass.FloatingPoint, 4) => new StoredArray(path, shape, dataset.Read<float[]>(), null),
                (H5DataTypeClass.FloatingPoint, 8) => new StoredArray(path, shape, dataset.Read<double[]>().Select(v => (float)v).ToArray(), null),
                (H5DataTypeClass.FloatingPoint, 2) => new StoredArray(path, shape, dataset.Read<Half[]>().Select(v => (float)v).ToArray(), null),
                (_, 2) when isBfloat16 => new StoredArray(path, shape, dataset.Read<ushort[]>().Select(v => BitConverter.Int32BitsToSingle(v << 16)).ToArray(), null),
                (H5DataTypeClass.FixedPoint, 8) => new StoredArray(path, shape, null, dataset.Read<long[]>()),
                (H5DataTypeClass.FixedPoint, 4) => new StoredArray(path, shape, null, dataset.Read<int[]>().Select(v => (long)v).ToArray()),
                _ => throw location.Invalid(path, $"expected a float or integer dataset, found HDF5 type class {type.Class} of {type.Size} bytes."),
            };
        }
        catch (Exception ex) when (ex is not InvalidDataException)
        {
            throw location.Invalid(path, $"the dataset cannot be read: {ex.Message}", ex);
        }
    }

    /// <summary>Finds a child group; null when the link is missing or is not a group.</summary>
    public static IH5Group? FindGroup(IH5Group parent, string name) =>
        parent.LinkExists(name) && parent.Get(name) is IH5Group group ? group : null;

    private static IReadOnlyList<string> ReadStrings(IH5Attribute attribute, string path, FileLocation location)
    {
        var count = attribute.Space.Dimensions.Aggregate(1UL, (a, b) => a * b);
        if (attribute.Type.Class is not (H5DataTypeClass.String or H5DataTypeClass.VariableLength))
        {
            // h5py stores an empty name list as a zero-length float64 array.
            return count == 0 || attribute.Space.Dimensions.Any(d => d == 0)
                ? []
                : throw location.Invalid(path, $"expected a list of strings, found HDF5 type class {attribute.Type.Class}.");
        }

        var values = attribute.Space.Type == H5DataspaceType.Scalar ? [attribute.Read<string>()] : attribute.Read<string[]>();
        return values.Select(Clean).ToArray();
    }

    /// <summary>Removes fixed-length padding and re-decodes text that was declared ASCII but contains UTF-8 bytes.</summary>
    private static string Clean(string value)
    {
        var trimmed = value.TrimEnd('\0', ' ');
        if (trimmed.All(c => c < 0x80) || trimmed.Any(c => c > 0xFF))
        {
            return trimmed;
        }

        var bytes = trimmed.Select(c => (byte)c).ToArray();
        try
        {
            return new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return trimmed;
        }
    }
}
