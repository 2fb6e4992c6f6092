using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Grains.Directories;
using Monitor.Grains.Tests.Support;
using Monitor.Storage;
using Monitor.Testing;
using Xunit;

namespace Monitor.Grains.Tests.Directories;

public sealed class InMemoryAccountDirectoryTests : AccountDirectoryTests
{

    protected override AccountDirectory OpenDirectory() =>
        new(new InMemoryAccountDirectoryStore(), NullLogger<AccountDirectory>.Instance);
}
