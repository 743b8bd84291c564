using System.Buffers.Binary;
using KerasClassifier.Keras.Saving.SavedModel.Protos;

namespace KerasClassifier.Keras.Saving.SavedModel;

/// <summary>
/// A tensor read from a SavedModel checkpoint, its CRC-32C verified: a layer weight, an optimizer
/// slot or an optimizer scalar, in Keras's layout (row-major, Keras shapes such as Conv2D
/// <c>(kh, kw, in, out)</c>).
/// </summary>
public sealed class SavedTensor
{
    private readonly int[] shape;
    private readonly byte[] data;

    internal SavedTensor(string name, string variableName, string checkpointKey, DataType dtype, int[] shape, byte[] littleEndianData, bool trainable = false)
    {
        Name = name;
        VariableName = variableName;
        CheckpointKey = checkpointKey;
        DataType = dtype;
        this.shape = shape;
        data = littleEndianData;
        Trainable = trainable;
    }

    /// <summary>Gets the name inside its owner, e.g. <c>kernel</c>, <c>moving_mean</c> or <c>momentum</c>.</summary>
    public string Name { get; }

    /// <summary>Gets the TensorFlow variable name, e.g. <c>dense/kernel</c> or <c>Adam/m/dense/kernel</c>; empty when the checkpoint does not record it.</summary>
    public string VariableName { get; }

    /// <summary>Gets the key of the tensor in <c>variables.index</c>.</summary>
    public string CheckpointKey { get; }

    /// <summary>Gets the element type as Keras names it, e.g. <c>float32</c> or <c>int64</c>.</summary>
    public string DType => TensorDataTypes.KerasName(DataType);

    /// <summary>Gets a copy of the shape; empty for a scalar.</summary>
    public int[] Shape => (int[])shape.Clone();

    /// <summary>Gets the number of elements.</summary>
    public long Count => shape.Aggregate(1L, (a, b) => a * b);

    /// <summary>Gets a value indicating whether the owning layer trains this weight by gradient.</summary>
    public bool Trainable { get; }

    internal DataType DataType { get; }

    internal ReadOnlySpan<byte> Data => data;

    /// <summary>Copies the values out as float32, converting float16, bfloat16 and float64.</summary>
    /// <returns>The values, row-major.</returns>
    /// <exception cref="InvalidOperationException">The tensor is not floating point.</exception>
    public float[] ToFloat32Array()
    {
        var count = (int)Count;
        var values = new float[count];
        switch (DataType)
        {
            case DataType.DtFloat:
                for (var i = 0; i < count; i++)
                {
                    values[i] = BinaryPrimitives.ReadSingleLittleEndian(data.AsSpan(i * 4));
                }

                break;
            case DataType.DtDouble:
                for (var i = 0; i < count; i++)
                {
                    values[i] = (float)BinaryPrimitives.ReadDoubleLittleEndian(data.AsSpan(i * 8));
                }

                break;
            case DataType.DtHalf:
                for (var i = 0; i < count; i++)
                {
                    values[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(data.AsSpan(i * 2));
                }

                break;
            case DataType.DtBfloat16:
                // bfloat16 is the upper half of a float32.
                for (var i = 0; i < count; i++)
                {
                    values[i] = BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(i * 2)) << 16);
                }

                break;
            default:
                throw new InvalidOperationException($"Tensor '{CheckpointKey}' is {DType}; ToFloat32Array reads float16, bfloat16, float32 and float64 tensors.");
        }

        return values;
    }

    /// <summary>Copies the values out as int64, widening smaller integer types and bool.</summary>
    /// <returns>The values, row-major.</returns>
    /// <exception cref="InvalidOperationException">The tensor is not an integer or bool tensor.</exception>
    public long[] ToInt64Array()
    {
        var count = (int)Count;
        var values = new long[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = DataType switch
            {
                DataType.DtInt64 => BinaryPrimitives.ReadInt64LittleEndian(data.AsSpan(i * 8)),
                DataType.DtUint64 => checked((long)BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan(i * 8))),
                DataType.DtInt32 => BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(i * 4)),
                DataType.DtUint32 => BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(i * 4)),
                DataType.DtInt16 => BinaryPrimitives.ReadInt16LittleEndian(data.AsSpan(i * 2)),
                DataType.DtUint16 => BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(i * 2)),
                DataType.DtInt8 => (sbyte)data[i],
                DataType.DtUint8 or DataType.DtBool => data[i],
                _ => throw new InvalidOperationException($"Tensor '{CheckpointKey}' is {DType}; ToInt64Array reads integer and bool tensors."),
            };
        }

        return values;
    }

    /// <summary>Returns a copy with another name and trainable flag, sharing the data.</summary>
    internal SavedTensor WithName(string name, bool trainable) => new(name, VariableName, CheckpointKey, DataType, shape, data, trainable);

    /// <inheritdoc/>
    public override string ToString() =>
        $"<SavedTensor name={Name}, shape={KerasVariable.FormatShape(shape)}, dtype={DType}, key={CheckpointKey}>";
}
