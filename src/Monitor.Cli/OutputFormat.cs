namespace Monitor.Cli;

/// <summary>How commands print their results: lines for people, or JSON for scripts.</summary>
public enum OutputFormat
{
    /// <summary>Lines for people.</summary>
    Text,

    /// <summary>One JSON document per result (one per line for streams), in the API's conventions.</summary>
    Json,
}
