namespace Monitor.Core.Entities;

/// <summary>How one account's counts read over a window, against its own baseline.</summary>
public enum AccountMovement
{
    /// <summary>Followers grew well beyond the account's own baseline rate during the window.</summary>
    Moved,

    /// <summary>Followers grew at about the baseline rate, or slower.</summary>
    Flat,

    /// <summary>Too few points before or inside the window to compare.</summary>
    NoData,
}
