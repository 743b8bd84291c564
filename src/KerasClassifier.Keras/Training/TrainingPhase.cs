namespace KerasClassifier.Keras.Training;

/// <summary>The part of an epoch a summary describes.</summary>
public enum TrainingPhase
{
    /// <summary>The training steps.</summary>
    Training,

    /// <summary>The validation steps that follow them.</summary>
    Testing,
}
