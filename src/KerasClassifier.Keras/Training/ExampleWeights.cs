namespace KerasClassifier.Keras.Training;

/// <summary>Turns Keras's <c>class_weight</c> and <c>sample_weight</c> arguments into one weight per example.</summary>
internal static class ExampleWeights
{
    /// <summary>Multiplies each example's class weight by its sample weight; returns null when neither is given.</summary>
    /// <exception cref="ArgumentException">A weight is negative or not finite, or the sample weights do not match the examples.</exception>
    public static float[]? Combine(IReadOnlyDictionary<int, double>? classWeight, int[] labels, float[]? sampleWeight, int examples)
    {
        if (classWeight is null && sampleWeight is null)
        {
            return null;
        }

        CheckSampleWeight(sampleWeight, examples);
        var weights = sampleWeight is null ? Enumerable.Repeat(1f, examples).ToArray() : (float[])sampleWeight.Clone();
        if (classWeight is not null)
        {
            CheckClassWeight(classWeight);
            for (var i = 0; i < labels.Length; i++)
            {
                weights[i] *= classWeight.TryGetValue(labels[i], out var w) ? (float)w : 1f;
            }
        }

        return weights;
    }

    /// <summary>Derives class ids from a target array (arg-max of one-hot rows, else the rounded value) and combines weights as above.</summary>
    public static float[]? Combine(IReadOnlyDictionary<int, double>? classWeight, NDArray targets, float[]? sampleWeight, int examples)
    {
        if (classWeight is null)
        {
            return Combine(null, [], sampleWeight, examples);
        }

        int[] labels;
        if (targets.Shape.Length >= 2 && targets.Shape[^1] > 1)
        {
            if (targets.Shape.Length != 2)
            {
                throw new ArgumentException(
                    $"classWeight needs one class per example, but the targets have shape ({string.Join(", ", targets.Shape)}); pass sampleWeight instead.", nameof(classWeight));
            }

            labels = targets.ArgMax();
        }
        else
        {
            labels = Enumerable.Range(0, targets.Length).Select(i => (int)Math.Round(targets.Data[i])).ToArray();
        }

        return Combine(classWeight, labels, sampleWeight, examples);
    }

    private static void CheckSampleWeight(float[]? sampleWeight, int examples)
    {
        if (sampleWeight is null)
        {
            return;
        }

        if (sampleWeight.Length != examples)
        {
            throw new ArgumentException($"sampleWeight has {sampleWeight.Length} values but x has {examples} examples; pass one weight per example.", nameof(sampleWeight));
        }

        var bad = Array.FindIndex(sampleWeight, w => !float.IsFinite(w) || w < 0);
        if (bad >= 0)
        {
            throw new ArgumentException($"Invalid sampleWeight {sampleWeight[bad]} at index {bad}; expected finite values of 0 or more.", nameof(sampleWeight));
        }
    }

    private static void CheckClassWeight(IReadOnlyDictionary<int, double> classWeight)
    {
        foreach (var (id, weight) in classWeight)
        {
            if (!double.IsFinite(weight) || weight < 0)
            {
                throw new ArgumentException($"Invalid classWeight {weight} for class {id}; expected a finite value of 0 or more.", nameof(classWeight));
            }
        }
    }
}
