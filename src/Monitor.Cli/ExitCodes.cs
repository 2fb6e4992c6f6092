namespace Monitor.Cli;

/// <summary>The command line's exit codes (documented in docs/cli.md).</summary>
public static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Success = 0;

    /// <summary>The command line itself was wrong (unknown option, bad value); System.CommandLine's own code.</summary>
    public const int Usage = 1;

    /// <summary>The silo answered with an error (the message carries its problem's title and detail).</summary>
    public const int SiloRefused = 2;

    /// <summary>An import stored some rows and refused others.</summary>
    public const int RowsRejected = 3;

    /// <summary>A named account or key does not exist.</summary>
    public const int NotFound = 4;

    /// <summary>No silo answered at the address.</summary>
    public const int Unreachable = 5;

    /// <summary>The silo needs an API key, or refused the one given.</summary>
    public const int Unauthorized = 6;
}
