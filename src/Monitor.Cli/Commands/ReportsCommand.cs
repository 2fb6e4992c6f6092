using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Monitor.Abstractions.Reports;
using Monitor.Client;

namespace Monitor.Cli.Commands;

/// <summary>
/// <c>reports get</c>: a group's or an entity list's report for a period, as HTML, PDF, JSON or one CSV table, into a file
/// (reader); <c>reports schedules list|add|remove</c>: the schedules that send reports to webhook receivers (admin).
/// </summary>
public static class ReportsCommand
{
    private static readonly string[] Formats = ["html", "pdf", "csv", "json"];
    private static readonly string[] Tables = ["followers", "growth", "growthPercent", "movers", "entities", "alerts"];

    /// <summary>Creates the command and its subcommands.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var schedules = new Command("schedules", "The schedules that send a report to a webhook receiver every week or month: list, add, remove.")
        {
            CreateList(context),
            CreateAdd(context),
            CreateRemove(context),
        };
        return new Command("reports", "Reports of a group or an entity list (HTML, PDF, CSV, JSON) and their schedules.") { CreateGet(context), schedules };
    }

    private static Command CreateGet(CliContext context)
    {
        var group = new Option<string?>("--group") { Description = "The group whose report to fetch." };
        var entities = new Option<string?>("--entities") { Description = "Or entity ids, separated by commas: the report of every account they own." };
        var period = new Option<string>("--period") { Description = "week, month or range.", DefaultValueFactory = _ => "week" };
        period.AcceptOnlyFromAmong("week", "month", "range");
        var at = new Option<string?>("--at") { Description = "A day (yyyy-MM-dd) inside the week or month; the latest complete one without." };
        var from = new Option<string?>("--from") { Description = "First day of a range (yyyy-MM-dd)." };
        var to = new Option<string?>("--to") { Description = "Last day of a range (yyyy-MM-dd), included." };
        var format = new Option<string>("--format") { Description = "html, pdf (printed by the silo's Chromium), csv or json.", DefaultValueFactory = _ => "html" };
        format.AcceptOnlyFromAmong(Formats);
        var table = new Option<string>("--table") { Description = "The table, with --format csv.", DefaultValueFactory = _ => "followers" };
        table.AcceptOnlyFromAmong(Tables);
        var file = new Option<FileInfo>("--file") { Description = "Where to write the report (replaced if it exists).", Required = true };
        var command = new Command("get", "Fetch a report into a file.") { group, entities, period, at, from, to, format, table, file };
        command.Validators.Add(result => RequireOneSubject(result, group, entities));
        command.Validators.Add(result =>
        {
            var isRange = result.GetValue(period) == "range";
            if (isRange && (result.GetValue(from) is null || result.GetValue(to) is null))
            {
                result.AddError("--period range needs --from and --to.");
            }
            else if (!isRange && (result.GetValue(from) is not null || result.GetValue(to) is not null))
            {
                result.AddError("--from and --to go with --period range.");
            }
        });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var request = new ReportRequest(
                parseResult.GetValue(group), Ids(parseResult.GetValue(entities)), parseResult.GetValue(format)!, parseResult.GetValue(table),
                parseResult.GetValue(period), parseResult.GetValue(at), parseResult.GetValue(from), parseResult.GetValue(to));
            var target = parseResult.GetValue(file)!;
            var partial = target.FullName + ".part";
            using var http = context.CreateHttp(parseResult);
            string? contentType;
            await using (var stream = File.Create(partial))
            {
                contentType = await new MonitorClient(http).DownloadReportAsync(request, stream, cancellationToken);
            }

            if (contentType is null)
            {
                File.Delete(partial);
                await context.Error.WriteLineAsync(request.Entities is null
                    ? $"error: no group {request.Group} (or it has no members)."
                    : $"error: no entity among {string.Join(", ", request.Entities)} (monitor entity list shows them).");
                return ExitCodes.NotFound;
            }

            File.Move(partial, target.FullName, overwrite: true);
            var bytes = new FileInfo(target.FullName).Length;
            await context.WriteAsync(parseResult, new { file = target.FullName, bytes, contentType },
                string.Create(CultureInfo.InvariantCulture, $"Wrote {target.FullName} ({bytes:N0} bytes, {contentType})"));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateList(CliContext context) =>
        ListCommand.Create(context, "List the report schedules (settings first).", (client, cancellationToken) => client.ListReportSchedulesAsync(cancellationToken), Line);

    private static Command CreateAdd(CliContext context)
    {
        var group = new Option<string?>("--group") { Description = "The group to report on." };
        var entities = new Option<string?>("--entities") { Description = "Or entity ids, separated by commas." };
        var cadence = new Option<string>("--cadence") { Description = "week or month.", Required = true };
        cadence.AcceptOnlyFromAmong("week", "month");
        var receiver = new Option<string>("--receiver") { Description = "The webhook receiver's id (GET /api/webhooks lists them).", Required = true };
        var delivery = new Option<string>("--delivery") { Description = "link (links only), pdf or csv (the files in the message).", DefaultValueFactory = _ => "link" };
        delivery.AcceptOnlyFromAmong("link", "pdf", "csv");
        var id = new Option<string?>("--id") { Description = "The schedule's id; generated when omitted." };
        var command = new Command("add", "Add a schedule: the report goes to the receiver after every week or month.") { group, entities, cadence, receiver, delivery, id };
        command.Validators.Add(result => RequireOneSubject(result, group, entities));
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var http = context.CreateHttp(parseResult);
            var created = await new MonitorClient(http).CreateReportScheduleAsync(
                new NewReportSchedule(parseResult.GetValue(id), parseResult.GetValue(group), Ids(parseResult.GetValue(entities)),
                    parseResult.GetValue(cadence)!, parseResult.GetValue(receiver)!, parseResult.GetValue(delivery)), cancellationToken);
            await context.WriteAsync(parseResult, created, "Added " + Line(created));
        });
        return command;
    }

    private static Command CreateRemove(CliContext context) =>
        ByIdCommand.Create(context, "remove", "removed", "Remove a schedule added through the API.", new Argument<string>("id") { Description = "The schedule's id." },
            schedule => $"no report schedule {schedule}.", (client, schedule, cancellationToken) => client.DeleteReportScheduleAsync(schedule, cancellationToken));

    private static void RequireOneSubject(CommandResult result, Option<string?> group, Option<string?> entities)
    {
        if ((result.GetValue(group) is null) == (result.GetValue(entities) is null))
        {
            result.AddError("Give either --group or --entities.");
        }
    }

    private static List<string>? Ids(string? list) =>
        list?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static string Line(ReportSchedule schedule) =>
        $"{schedule.Id}  {schedule.Cadence,-5}  {(schedule.Entities is { Count: > 0 } ids ? "entities " + string.Join(',', ids) : "group " + schedule.Group)}  -> {schedule.Receiver}  ({schedule.Delivery ?? "link"})";
}
