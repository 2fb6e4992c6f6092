using Monitor.Runtime.Reminders;

namespace Monitor.Runtime.Tests.Storage;

public sealed class InMemoryReminderTableTests : ReminderTableConformanceTests
{
    protected override IReminderTable CreateTable() => new InMemoryReminderTable();
}
