using Monitor.Dashboard.Tests.Infrastructure;
using Xunit;

// One demo silo and one Chromium for every test class: replaying the demo is the expensive part.
[assembly: AssemblyFixture(typeof(DemoSilo))]
