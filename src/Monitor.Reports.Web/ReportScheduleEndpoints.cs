using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Monitor.Abstractions.Accounts;
using Monitor.Abstractions.Reports;
using Monitor.AccessControl;
using Monitor.Api;
using Monitor.Reports;
using Monitor.Webhooks;

namespace Monitor.Reports.Web;

/// <summary><c>/api/reports/schedules</c> (admin): list, add, delete and run the schedules that send reports to webhook receivers.</summary>
public static class ReportScheduleEndpoints
{
    /// <summary>Maps the endpoints under <paramref name="reports"/> (<c>/api/reports</c>) for admins.</summary>
    public static void Map(RouteGroupBuilder reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var admin = reports.MapGroup("/schedules").RequireAuthorization(MonitorPolicies.Admin);
        admin.MapGet("/", ListSchedulesAsync).WithSummary("Every report schedule (from settings and from the API).");
        admin.MapPost("/", CreateScheduleAsync).Accepts<ReportScheduleRequest>("application/json")
            .WithSummary("Adds a schedule {id?, group | entities: [ids], cadence: week|month, receiver, delivery?: link|pdf|csv}: the report goes to the webhook receiver after every period, as links or with the file.");
        admin.MapDelete("/{id}", DeleteScheduleAsync).WithSummary("Deletes a schedule added through the API.");
        admin.MapPost("/{id}/run", RunScheduleAsync)
            .WithSummary("Queues the schedule's report now: the latest complete period, or the one holding ?at=yyyy-MM-dd; 202, or 200 when it was queued before; 503 when printing its PDF failed.");
    }

    private static async Task<Ok<IReadOnlyList<ReportSchedule>>> ListSchedulesAsync(ReportSchedules schedules, CancellationToken cancellationToken) =>
        TypedResults.Ok(await schedules.ListAsync(cancellationToken));

    private static async Task<Results<Created<ReportSchedule>, ProblemHttpResult, ValidationProblem>> CreateScheduleAsync(
        HttpContext context, ReportSchedules schedules, ReportScheduleStore store, WebhookReceivers receivers, IAccountDirectory directory, ReportDataLoader loader, TimeProvider time)
    {
        var (body, problem) = await JsonBody.ReadAsync<ReportScheduleRequest>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        var request = body! with { Id = body!.Id ?? "rs-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)) };
        if (!ReportScheduleRules.TryValidate(request, out var field, out var reason))
        {
            object? value = field switch
            {
                "id" => request.Id, "group" => request.Group, "entities" => request.Entities, "cadence" => request.Cadence, "delivery" => request.Delivery, _ => request.Receiver,
            };
            return ApiProblems.InvalidField(field, value, reason);
        }

        if (await receivers.FindAsync(request.Receiver!, context.RequestAborted) is null)
        {
            return ApiProblems.InvalidField("receiver", request.Receiver, "names no webhook receiver (GET /api/webhooks lists them)");
        }

        if (request.Entities is { Count: > 0 } entities)
        {
            if (await loader.MissingEntitiesAsync(entities) is { Count: > 0 } missing)
            {
                return ApiProblems.InvalidField("entities", request.Entities, $"names no entity '{string.Join("', '", missing)}' (GET /api/entities lists them)");
            }
        }
        else if (!(await directory.ListGroupsAsync(context.RequestAborted)).Any(group => group.Name == request.Group))
        {
            return ApiProblems.InvalidField("group", request.Group, "names no group (GET /api/groups lists them)");
        }

        var ids = request.Entities is { Count: > 0 } ? ReportSubject.CanonicalIds(request.Entities).Split(',') : null;
        var schedule = new ReportSchedule(request.Id!, ids is null ? request.Group : null, request.Cadence!, request.Receiver!, time.GetUtcNow(), ids, request.Delivery);
        context.Items[AuditMiddleware.TargetItem] = $"report schedule {schedule.Id}";
        if (schedules.IsFromSettings(schedule.Id) || !await store.AddAsync(schedule, context.RequestAborted))
        {
            return ApiProblems.AlreadyExists("Report schedule", schedule.Id, "delete it first to replace it, or choose another id");
        }

        return TypedResults.Created($"/api/reports/schedules/{Uri.EscapeDataString(schedule.Id)}", schedule);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteScheduleAsync(string id, ReportSchedules schedules, ReportScheduleStore store, ReportPeriodLedger ledger, CancellationToken cancellationToken)
    {
        if (schedules.IsFromSettings(id))
        {
            return ApiProblems.Conflict("Schedule from settings", $"Report schedule '{id}' comes from settings ({ReportOptions.SectionName}:Schedules); change it there.");
        }

        if (!await store.DeleteAsync(id, cancellationToken))
        {
            return ApiProblems.NotFound("Report schedule", id);
        }

        await ledger.ForgetAsync(id, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Accepted<ReportRun>, Ok<ReportRun>, ProblemHttpResult, ValidationProblem>> RunScheduleAsync(
        HttpContext context, string id, string? at, ReportSchedules schedules, ReportDelivery delivery, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await schedules.FindAsync(id, cancellationToken) is not { } schedule)
        {
            return ApiProblems.NotFound("Report schedule", id);
        }

        if (!ReportPeriodQuery.TryRead(schedule.Cadence, at, null, null, time.GetUtcNow(), out var period, out var problem))
        {
            return problem!;
        }

        try
        {
            var run = new ReportRun(schedule.Id, schedule.Receiver, period.Kind, period.From, period.To);
            return await delivery.EnqueueAsync(schedule, period, cancellationToken)
                ? TypedResults.Accepted($"/api/webhooks/{Uri.EscapeDataString(schedule.Receiver)}/deliveries", run)
                : TypedResults.Ok(run);
        }
        catch (ReportPrintException failed)
        {
            context.Response.Headers.RetryAfter = "60";
            return TypedResults.Problem(title: "Report printing failed", detail: failed.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        catch (InvalidOperationException gone)
        {
            return ApiProblems.Conflict("Schedule cannot run", gone.Message);
        }
    }
}
