namespace KerasClassifier.Keras.Initializers;

/// <summary>Which fan a <see cref="VarianceScaling"/> initializer scales by, as Keras's <c>mode</c>.</summary>
public enum FanMode
{
    /// <summary>The number of input units (<c>fan_in</c>).</summary>
    FanIn,

    /// <summary>The number of output units (<c>fan_out</c>).</summary>
    FanOut,

    /// <summary>The mean of both (<c>fan_avg</c>).</summary>
    FanAvg,
}
