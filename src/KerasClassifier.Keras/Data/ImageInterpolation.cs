namespace KerasClassifier.Keras.Data;

/// <summary>
/// Resampling filters accepted by the <c>interpolation</c> argument, named as in Keras.
/// </summary>
internal enum ImageInterpolation
{
    /// <summary>"bilinear": linear filter between mipmap levels, so downscaling does not alias.</summary>
    Bilinear,

    /// <summary>"nearest": nearest pixel.</summary>
    Nearest,

    /// <summary>"bicubic": Catmull-Rom cubic.</summary>
    Bicubic,

    /// <summary>"mitchellcubic": Mitchell-Netravali cubic (B = C = 1/3).</summary>
    MitchellCubic,

    /// <summary>"area": box averaging, approximated by linear filtering of mipmap levels.</summary>
    Area,
}
