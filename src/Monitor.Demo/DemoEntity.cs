namespace Monitor.Demo;

/// <summary>An entity the demo creates: its name (the id is derived from it), its kind and its accounts' keys.</summary>
public sealed record DemoEntity(string Name, string Kind, IReadOnlyList<string> Accounts);
