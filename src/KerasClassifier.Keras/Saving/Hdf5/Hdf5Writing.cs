using System.Text;
using PureHDF;

namespace KerasClassifier.Keras.Saving.Hdf5;

/// <summary>Builds the PureHDF object tree of a file in the forms h5py writes for Keras.</summary>
internal static class Hdf5Writing
{
    /// <summary>The largest attribute, in bytes, that Keras writes in one piece; larger name lists are split into <c>name0</c>, <c>name1</c>...</summary>
    private const int MaxAttributeBytes = 64512;

    /// <summary>Returns the group at a slash-separated path below <paramref name="root"/>, creating missing groups.</summary>
    /// <param name="root">The starting group.</param>
    /// <param name="path">The relative path, e.g. <c>layers/dense/vars</c>; empty for the root.</param>
    /// <returns>The group.</returns>
    public static H5Group Group(H5Group root, string path)
    {
        var group = root;
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!group.TryGetValue(part, out var child))
            {
                child = new H5Group();
                group[part] = child;
            }

            group = child as H5Group ?? throw new InvalidOperationException($"HDF5 path '{path}' passes through '{part}', which is a dataset.");
        }

        return group;
    }

    /// <summary>Adds a float32 dataset at a slash-separated path, creating the groups on the way (a <c>/</c> in a name must not reach PureHDF).</summary>
    public static void AddDataset(H5Group root, string path, float[] values, int[] shape) =>
        AddDataset(root, path, new H5Dataset(values, fileDims: shape.Select(d => (ulong)d).ToArray()));

    /// <summary>Adds an int64 dataset at a slash-separated path.</summary>
    public static void AddDataset(H5Group root, string path, long[] values, int[] shape) =>
        AddDataset(root, path, new H5Dataset(values, fileDims: shape.Select(d => (ulong)d).ToArray()));

    /// <summary>Sets a list of names the way Keras does: an array of variable-length UTF-8 strings, float64[0] when empty, split when large.</summary>
    /// <param name="group">The group that gets the attribute.</param>
    /// <param name="name">The attribute name, e.g. <c>weight_names</c>.</param>
    /// <param name="values">The names.</param>
    public static void SetStringList(H5Group group, string name, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            group.Attributes[name] = new H5Attribute(Array.Empty<double>(), dimensions: [0]);
            return;
        }

        // Keras sizes the list as a fixed-length byte array (count * longest name) to decide on splitting.
        var longest = values.Max(v => Encoding.UTF8.GetByteCount(v));
        var chunkCount = (int)Math.Ceiling((double)values.Count * longest / MaxAttributeBytes);
        if (chunkCount <= 1)
        {
            group.Attributes[name] = values.ToArray();
            return;
        }

        var perChunk = (int)Math.Ceiling((double)values.Count / chunkCount);
        for (var i = 0; i < chunkCount; i++)
        {
            group.Attributes[$"{name}{i}"] = values.Skip(i * perChunk).Take(perChunk).ToArray();
        }
    }

    /// <summary>Serializes a file tree to bytes; PureHDF needs a seekable, readable stream.</summary>
    public static byte[] ToBytes(H5File file)
    {
        using var stream = new MemoryStream();
        file.Write(stream);
        return stream.ToArray();
    }

    private static void AddDataset(H5Group root, string path, H5Dataset dataset)
    {
        var slash = path.LastIndexOf('/');
        var parent = slash < 0 ? root : Group(root, path[..slash]);
        parent[path[(slash + 1)..]] = dataset;
    }
}
