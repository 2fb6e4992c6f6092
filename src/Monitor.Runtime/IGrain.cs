namespace Monitor.Runtime;

/// <summary>Marker for grain interfaces: every method of a grain interface returns Task, ValueTask, Task&lt;T&gt; or ValueTask&lt;T&gt;.</summary>
public interface IGrain
{
}
