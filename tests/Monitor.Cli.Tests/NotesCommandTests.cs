using System.Text.Json;
using Monitor.Abstractions.Annotations;
using Monitor.Cli.Tests.Infrastructure;
using Monitor.Client;
using Xunit;

namespace Monitor.Cli.Tests;

/// <summary><c>monitor notes</c>: known events imported once, a note added, listed and removed on the running silo.</summary>
public sealed class NotesCommandTests(PostgresSiloFixture silo) : IClassFixture<PostgresSiloFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Known_events_import_once_and_a_note_is_added_listed_and_removed()
    {
        var file = Path.Combine(Path.GetTempPath(), $"known-events-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """
            [
              { "text": "44-day war", "start": "2020-09-27T00:00:00Z", "end": "2020-11-10T00:00:00Z" },
              { "text": "Platform purge", "start": "2018-07-12T00:00:00Z" }
            ]
            """, Cancellation);
        try
        {
            var first = await MonitorCli.RunAsync(silo.Address, "notes", "import", file);
            var second = await MonitorCli.RunAsync(silo.Address, "notes", "import", file);
            Assert.Equal((0, $"Imported 2 notes from {Path.GetFileName(file)} (0 already there)."), (first.ExitCode, first.Output.Trim()));
            Assert.Equal((0, $"Imported 0 notes from {Path.GetFileName(file)} (2 already there)."), (second.ExitCode, second.Output.Trim()));
        }
        finally
        {
            File.Delete(file);
        }

        var add = await MonitorCli.RunAsync(silo.Address, "notes", "add", "Summit", "--start", "2021-03-01", "--end", "2021-03-03", "--group", "cli-notes");
        Assert.Equal(0, add.ExitCode);
        Assert.Matches(@"^Noted note-[0-9a-f]{16}  2021-03-01\.\.2021-03-03 +group cli-notes  Summit$", add.Output.Trim());

        var list = await MonitorCli.RunAsync(silo.Address, "notes", "list", "--group", "cli-notes", "--output", "json");
        Assert.Equal(0, list.ExitCode);
        var notes = JsonSerializer.Deserialize<List<Annotation>>(list.Output, MonitorClient.JsonOptions)!;
        // A group's chart shows its own notes and everyone's, oldest first.
        Assert.Equal(["Platform purge", "44-day war", "Summit"], notes.Select(note => note.Text));
        var summit = notes[^1];
        Assert.Equal(new DateTimeOffset(2021, 3, 1, 0, 0, 0, TimeSpan.Zero), summit.Start);

        var remove = await MonitorCli.RunAsync(silo.Address, "notes", "remove", summit.Id);
        var again = await MonitorCli.RunAsync(silo.Address, "notes", "remove", summit.Id);
        Assert.Equal((0, ExitCodes.NotFound), (remove.ExitCode, again.ExitCode));
        Assert.Equal([$"Removed {summit.Id}"], remove.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Equal([$"error: no note {summit.Id}."], again.ErrorLines);
        Assert.DoesNotContain(await silo.Client.ListAnnotationsAsync(group: "cli-notes", cancellationToken: Cancellation), note => note.Id == summit.Id);
    }

    [Fact]
    public async Task A_date_that_is_not_one_is_refused_before_anything_is_sent()
    {
        var before = (await silo.Client.ListAnnotationsAsync(cancellationToken: Cancellation)).Count;

        var result = await MonitorCli.RunAsync(silo.Address, "notes", "add", "x", "--start", "yesterday");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal("error: --start 'yesterday' is not a date: write 2020-09-27 or 2020-09-27T08:00:00Z.", result.ErrorLines[0]);
        Assert.Equal(before, (await silo.Client.ListAnnotationsAsync(cancellationToken: Cancellation)).Count);
    }
}
