namespace KerasClassifier.Keras.Data;

/// <summary>
/// A problem a dataset worked around while it was enumerated, such as an unreadable image it skipped.
/// </summary>
public sealed class DatasetWarningEventArgs : EventArgs
{
    /// <summary>
    /// Initializes a new instance of the <see cref="DatasetWarningEventArgs"/> class.
    /// </summary>
    /// <param name="message">One-line description, for example <c>skipped unreadable image a.jpg: the image data is corrupt.</c></param>
    /// <param name="sourcePath">File the warning is about, if any.</param>
    /// <param name="reason">Why the file was skipped, without the path.</param>
    /// <param name="exception">The exception that caused the warning, if any.</param>
    public DatasetWarningEventArgs(string message, string? sourcePath, string reason, Exception? exception)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(reason);

        Message = message;
        SourcePath = sourcePath;
        Reason = reason;
        Exception = exception;
    }

    /// <summary>Gets the one-line description, ready to print after a <c>warning: </c> prefix.</summary>
    public string Message { get; }

    /// <summary>Gets the file the warning is about, or null.</summary>
    public string? SourcePath { get; }

    /// <summary>Gets the reason without the path.</summary>
    public string Reason { get; }

    /// <summary>Gets the exception behind the warning, or null.</summary>
    public Exception? Exception { get; }
}
