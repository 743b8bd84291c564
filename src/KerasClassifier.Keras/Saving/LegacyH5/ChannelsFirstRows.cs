using KerasClassifier.Keras.Saving.Hdf5;

namespace KerasClassifier.Keras.Saving.LegacyH5;

/// <summary>
/// Reorders the rows of a Dense kernel that follows a Flatten from (channels, height, width) to
/// (height, width, channels) order. Keras 2.1.5 and older flattened channels_first activations in
/// memory order, so such files need this to run in a channels_last model; Keras 2.2 and later
/// already write channels_last rows.
/// </summary>
internal static class ChannelsFirstRows
{
    /// <summary>Returns the kernel with its rows in channels_last order.</summary>
    /// <param name="kernel">The stored kernel, shape (height * width * channels, units).</param>
    /// <param name="flattenInput">The Flatten's input shape in this model, (None, height, width, channels).</param>
    /// <param name="location">The file, for messages.</param>
    /// <returns>The reordered kernel.</returns>
    public static StoredArray ToChannelsLast(StoredArray kernel, Shape flattenInput, FileLocation location)
    {
        int height = flattenInput[1]!.Value, width = flattenInput[2]!.Value, channels = flattenInput[3]!.Value;
        var rows = height * width * channels;
        if (kernel.Shape.Length != 2 || kernel.Shape[0] != rows || kernel.Floats is null)
        {
            throw location.Invalid(
                kernel.Path,
                $"expected a float kernel with {rows} rows for a Flatten input of {flattenInput}, found shape {kernel.ShapeText}.");
        }

        var units = kernel.Shape[1];
        var reordered = new float[kernel.Floats.Length];
        for (var h = 0; h < height; h++)
        {
            for (var w = 0; w < width; w++)
            {
                for (var c = 0; c < channels; c++)
                {
                    var channelsLastRow = (((h * width) + w) * channels) + c;
                    var channelsFirstRow = (((c * height) + h) * width) + w;
                    Array.Copy(kernel.Floats, (long)channelsFirstRow * units, reordered, (long)channelsLastRow * units, units);
                }
            }
        }

        return kernel with { Floats = reordered };
    }
}
