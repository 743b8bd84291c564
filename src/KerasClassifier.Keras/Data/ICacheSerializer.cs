namespace KerasClassifier.Keras.Data;

/// <summary>
/// Writes and reads dataset elements of one type in a cache file.
/// </summary>
internal interface ICacheSerializer<T>
{
    /// <summary>Gets a name stored in the file header, so a file written for another element type is rejected.</summary>
    string TypeName { get; }

    /// <summary>Writes one element.</summary>
    void Write(BinaryWriter writer, T item);

    /// <summary>Reads one element written by <see cref="Write"/>.</summary>
    /// <exception cref="EndOfStreamException">The file ends inside the element.</exception>
    T Read(BinaryReader reader);
}
