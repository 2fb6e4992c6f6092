using System.CommandLine;
using System.Globalization;
using Monitor.Abstractions.Annotations;
using Monitor.Client;

namespace Monitor.Cli.Commands;

/// <summary>
/// <c>notes list|add|import|remove</c>: annotations through the running silo's <c>/api/annotations</c> (reading needs a
/// reader key, changing a writer key). The dashboard draws them on the charts.
/// </summary>
public static class NotesCommand
{
    /// <summary>Creates the command and its subcommands.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new Command("notes", "Notes (annotations) on dates and ranges, drawn on the dashboard's charts: list, add, import known events, remove.")
        {
            CreateList(context),
            CreateAdd(context),
            CreateImport(context),
            CreateRemove(context),
        };
    }

    private static Command CreateList(CliContext context)
    {
        var account = new Option<string?>("--account") { Description = "Only the notes drawn on this account's chart (its own, its groups', everyone's)." };
        var group = new Option<string?>("--group") { Description = "Only the notes drawn on this group's chart." };
        var command = new Command("list", "List notes, oldest first.") { account, group };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var http = context.CreateHttp(parseResult);
            var notes = await new MonitorClient(http).ListAnnotationsAsync(parseResult.GetValue(account), parseResult.GetValue(group), cancellationToken);
            await context.WriteListAsync(parseResult, notes, Line);
        });
        return command;
    }

    private static Command CreateAdd(CliContext context)
    {
        var text = new Argument<string>("text") { Description = "The note, e.g. '44-day war' (quote it)." };
        var start = new Option<string?>("--start") { Description = "The date or start of the range: 2020-09-27 or an ISO 8601 date-time (UTC unless an offset is given). Optional with --alert." };
        var end = new Option<string?>("--end") { Description = "The end of the range (a date includes no time: 2020-11-10 is its midnight UTC)." };
        var account = new Option<string?>("--account") { Description = "The account the note is about." };
        var group = new Option<string?>("--group") { Description = "The group the note is about (its chart and its members')." };
        var alert = new Option<string?>("--alert") { Description = "The alert id the note is about; its account and span are taken unless given." };
        var command = new Command("add", "Add a note about every chart (the default), an account, a group or an alert.") { text, start, end, account, group, alert };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var request = new AnnotationRequest(
                parseResult.GetValue(text),
                ParseTime(parseResult.GetValue(start), "--start"),
                ParseTime(parseResult.GetValue(end), "--end"),
                parseResult.GetValue(account),
                parseResult.GetValue(group),
                parseResult.GetValue(alert),
                $"monitor notes add by {Environment.UserName}");
            using var http = context.CreateHttp(parseResult);
            var note = await new MonitorClient(http).AddAnnotationAsync(request, cancellationToken);
            await context.WriteAsync(parseResult, note, $"Noted {Line(note)}");
        });
        return command;
    }

    private static Command CreateImport(CliContext context)
    {
        var file = new Argument<FileInfo>("file") { Description = "A JSON array of notes ({text, start, end?, account?, group?}), e.g. src/Monitor.Demo/DemoData/known-events.json." };
        var command = new Command("import", "Import known events; notes already stored are counted, not stored twice.") { file };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var path = parseResult.GetValue(file)!;
            if (!path.Exists)
            {
                await context.Error.WriteLineAsync($"error: no file {path.FullName}.");
                return ExitCodes.NotFound;
            }

            await using var json = path.OpenRead();
            using var http = context.CreateHttp(parseResult);
            var result = await new MonitorClient(http).ImportAnnotationsAsync(json, cancellationToken);
            await context.WriteAsync(parseResult, result, $"Imported {result.Stored} notes from {path.Name} ({result.Duplicates} already there).");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateRemove(CliContext context) =>
        ByIdCommand.Create(context, "remove", "removed", "Remove a note.", new Argument<string>("id") { Description = "The note's id (from notes list)." },
            note => $"no note {note}.", (client, note, cancellationToken) => client.RemoveAnnotationAsync(note, cancellationToken));

    private static string Line(Annotation note)
    {
        var span = note.End is { } end ? $"{Day(note.Start)}..{Day(end)}" : Day(note.Start);
        var about = note.AlertId is { } alert ? $"alert {alert}" : note.Account ?? (note.Group is { } group ? $"group {group}" : "every chart");
        return $"{note.Id}  {span,-22}  {about}  {note.Text}";
    }

    private static string Day(DateTimeOffset time) =>
        time.UtcDateTime.TimeOfDay == TimeSpan.Zero
            ? time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset? ParseTime(string? text, string option)
    {
        if (text is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : throw new FormatException($"{option} '{text}' is not a date: write 2020-09-27 or 2020-09-27T08:00:00Z.");
    }
}
