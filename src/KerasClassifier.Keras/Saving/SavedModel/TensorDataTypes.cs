using KerasClassifier.Keras.Saving.SavedModel.Protos;

namespace KerasClassifier.Keras.Saving.SavedModel;

/// <summary>Element sizes and Keras dtype names of TensorFlow's <c>DataType</c> values.</summary>
internal static class TensorDataTypes
{
    /// <summary>Returns the Keras name of a dtype, e.g. <c>float32</c>, or <c>DataType(N)</c> for an unknown number.</summary>
    public static string KerasName(DataType dtype) => dtype switch
    {
        DataType.DtFloat => "float32",
        DataType.DtDouble => "float64",
        DataType.DtInt32 => "int32",
        DataType.DtUint8 => "uint8",
        DataType.DtInt16 => "int16",
        DataType.DtInt8 => "int8",
        DataType.DtString => "string",
        DataType.DtComplex64 => "complex64",
        DataType.DtInt64 => "int64",
        DataType.DtBool => "bool",
        DataType.DtBfloat16 => "bfloat16",
        DataType.DtUint16 => "uint16",
        DataType.DtComplex128 => "complex128",
        DataType.DtHalf => "float16",
        DataType.DtResource => "resource",
        DataType.DtVariant => "variant",
        DataType.DtUint32 => "uint32",
        DataType.DtUint64 => "uint64",
        _ => $"DataType({(int)dtype})",
    };

    /// <summary>Returns the bytes per element of a numeric dtype, or 0 for dtypes without a fixed size.</summary>
    public static int ElementSize(DataType dtype) => dtype switch
    {
        DataType.DtBool or DataType.DtInt8 or DataType.DtUint8 => 1,
        DataType.DtInt16 or DataType.DtUint16 or DataType.DtHalf or DataType.DtBfloat16 => 2,
        DataType.DtFloat or DataType.DtInt32 or DataType.DtUint32 => 4,
        DataType.DtDouble or DataType.DtInt64 or DataType.DtUint64 or DataType.DtComplex64 => 8,
        DataType.DtComplex128 => 16,
        _ => 0,
    };

    /// <summary>Returns the size of one scalar component: half the element size for complex dtypes, used to swap byte order.</summary>
    public static int ComponentSize(DataType dtype) => dtype switch
    {
        DataType.DtComplex64 => 4,
        DataType.DtComplex128 => 8,
        _ => ElementSize(dtype),
    };
}
