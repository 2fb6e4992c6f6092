namespace Monitor.Core;

/// <summary>
/// The reason an <see cref="ArgumentException"/> was raised with, for people: without the " (Parameter 'x')" and
/// "Actual value was ..." that .NET appends to <see cref="Exception.Message"/> (the field is reported on its own).
/// </summary>
public static class ArgumentMessage
{
    /// <summary>The message <paramref name="exception"/> was created with.</summary>
    public static string Of(ArgumentException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var message = exception.Message;
        var cut = exception.ParamName is { } name ? message.IndexOf($" (Parameter '{name}')", StringComparison.Ordinal) : -1;
        if (cut < 0)
        {
            cut = message.IndexOf(Environment.NewLine + "Actual value was", StringComparison.Ordinal);
        }

        return cut > 0 ? message[..cut] : message;
    }
}
