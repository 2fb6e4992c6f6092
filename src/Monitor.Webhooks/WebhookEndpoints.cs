using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Monitor.AccessControl;
using Monitor.Api;
using Monitor.Collectors.Outbound;

namespace Monitor.Webhooks;

/// <summary><c>/api/webhooks</c> (admin): receivers (the secret is write-only) and each receiver's delivery history.</summary>
public static class WebhookEndpoints
{
    /// <summary>Largest page of the delivery history.</summary>
    public const int MaxDeliveryPageSize = 1000;

    /// <summary>Maps the endpoints with their policy.</summary>
    public static IEndpointRouteBuilder MapWebhookEndpoints(this IEndpointRouteBuilder routes)
    {
        var hooks = routes.MapGroup("/api/webhooks").WithTags("Webhooks").RequireAuthorization(MonitorPolicies.Admin);
        hooks.MapGet("/", ListAsync).WithSummary("Every receiver (from settings and from the API), without secrets.");
        hooks.MapPost("/", CreateAsync).Accepts<WebhookReceiverDefinition>("application/json")
            .WithSummary("Adds a receiver {id?, url, secret, format?, groups?, kinds?, minSeverity?, groupWait?, groupInterval?, repeatInterval?}.");
        hooks.MapGet("/{id}", GetAsync).WithSummary("One receiver, without its secret.");
        hooks.MapPut("/{id}", ReplaceAsync).Accepts<WebhookReceiverDefinition>("application/json")
            .WithSummary("Replaces a receiver added through the API; without a secret the stored one is kept.");
        hooks.MapDelete("/{id}", DeleteAsync).WithSummary("Deletes a receiver added through the API; its pending deliveries become dead.");
        hooks.MapGet("/{id}/deliveries", ListDeliveriesAsync).WithSummary("The receiver's deliveries, newest first (?limit=): state, attempts, last outcome.");
        hooks.MapPost("/{id}/test", SendTestAsync)
            .WithSummary("Sends a signed test message to the receiver now (outside the outbox, one attempt) and answers its outcome.");
        hooks.MapPost("/{id}/deliveries/{deliveryId}/retry", RetryAsync)
            .WithSummary("Puts a dead delivery back in the queue with a fresh set of attempts; 409 when it is not dead.");
        return routes;
    }

    private static async Task<Ok<IReadOnlyList<WebhookReceiverView>>> ListAsync(WebhookReceivers receivers, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<WebhookReceiverView>>((await receivers.ListAsync(cancellationToken)).Select(WebhookReceiverView.Of).ToList());

    private static async Task<Results<Ok<WebhookReceiverView>, ProblemHttpResult>> GetAsync(string id, WebhookReceivers receivers, CancellationToken cancellationToken) =>
        await receivers.FindAsync(id, cancellationToken) is { } receiver ? TypedResults.Ok(WebhookReceiverView.Of(receiver)) : ApiProblems.NotFound("Webhook receiver", id);

    private static async Task<Results<Created<WebhookReceiverView>, ProblemHttpResult, ValidationProblem>> CreateAsync(
        HttpContext context, WebhookReceivers receivers, WebhookReceiverStore store, TimeProvider time, OutboundAddressPolicy outbound)
    {
        var (body, problem) = await JsonBody.ReadAsync<WebhookReceiverDefinition>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        var definition = body!;
        if (!WebhookReceiverRules.TryValidate(definition, secretRequired: true, outbound, out var field, out var value, out var reason))
        {
            return ApiProblems.InvalidField(field, value, reason);
        }

        definition.Id ??= "wh-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        context.Items[AuditMiddleware.TargetItem] = $"webhook {definition.Id}";
        if (receivers.IsFromSettings(definition.Id) || !await store.AddAsync(definition, time.GetUtcNow(), context.RequestAborted))
        {
            return ApiProblems.AlreadyExists("Webhook receiver", definition.Id);
        }

        var created = await receivers.FindAsync(definition.Id, context.RequestAborted);
        return TypedResults.Created($"/api/webhooks/{definition.Id}", WebhookReceiverView.Of(created!));
    }

    private static async Task<Results<Ok<WebhookReceiverView>, ProblemHttpResult, ValidationProblem>> ReplaceAsync(
        string id, HttpContext context, WebhookReceivers receivers, WebhookReceiverStore store, TimeProvider time, OutboundAddressPolicy outbound)
    {
        var (body, problem) = await JsonBody.ReadAsync<WebhookReceiverDefinition>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        if (body!.Id is not null && body.Id != id)
        {
            return ApiProblems.InvalidField("id", body.Id, $"must be the id in the URL ('{id}') or left out");
        }

        body.Id = id;
        if (!WebhookReceiverRules.TryValidate(body, secretRequired: false, outbound, out var field, out var value, out var reason))
        {
            return ApiProblems.InvalidField(field, value, reason);
        }

        context.Items[AuditMiddleware.TargetItem] = $"webhook {id}";
        if (receivers.IsFromSettings(id))
        {
            return ReadOnly(id);
        }

        var stored = await store.FindAsync(id, context.RequestAborted);
        if (stored is null)
        {
            return ApiProblems.NotFound("Webhook receiver", id);
        }

        body.Secret ??= stored.Secret;
        if (!await store.ReplaceAsync(body, time.GetUtcNow(), context.RequestAborted))
        {
            return ApiProblems.NotFound("Webhook receiver", id);
        }

        return TypedResults.Ok(WebhookReceiverView.Of((await receivers.FindAsync(id, context.RequestAborted))!));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string id, HttpContext context, WebhookReceivers receivers, WebhookReceiverStore store, TimeProvider time)
    {
        context.Items[AuditMiddleware.TargetItem] = $"webhook {id}";
        if (receivers.IsFromSettings(id))
        {
            return ReadOnly(id);
        }

        return await store.DeleteAsync(id, time.GetUtcNow(), context.RequestAborted) ? TypedResults.NoContent() : ApiProblems.NotFound("Webhook receiver", id);
    }

    private static async Task<Results<Ok<IReadOnlyList<WebhookDeliveryView>>, ProblemHttpResult, ValidationProblem>> ListDeliveriesAsync(
        string id, int? limit, WebhookReceivers receivers, WebhookOutbox outbox, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxDeliveryPageSize)
        {
            return ApiProblems.InvalidField("limit", limit, $"must be between 1 and {MaxDeliveryPageSize}");
        }

        if (await receivers.FindAsync(id, cancellationToken) is null)
        {
            return ApiProblems.NotFound("Webhook receiver", id);
        }

        return TypedResults.Ok(await outbox.ListDeliveriesAsync(id, limit ?? 100, cancellationToken));
    }

    private static async Task<Results<Ok<WebhookTestResult>, ProblemHttpResult>> SendTestAsync(
        string id, HttpContext context, WebhookReceivers receivers, WebhookSender sender, TimeProvider time)
    {
        context.Items[AuditMiddleware.TargetItem] = $"webhook {id}";
        if (await receivers.FindAsync(id, context.RequestAborted) is not { } receiver)
        {
            return ApiProblems.NotFound("Webhook receiver", id);
        }

        var delivery = WebhookTestMessage.Create(receiver, time.GetUtcNow());
        var outcome = await sender.SendAsync(receiver, delivery, attempt: 1, context.RequestAborted);
        return TypedResults.Ok(new WebhookTestResult(delivery.DeliveryId, outcome.Succeeded, outcome.Status, outcome.Error));
    }

    private static async Task<Results<Accepted<WebhookDeliveryView>, ProblemHttpResult>> RetryAsync(
        string id, string deliveryId, HttpContext context, WebhookReceivers receivers, WebhookOutbox outbox, TimeProvider time)
    {
        context.Items[AuditMiddleware.TargetItem] = $"webhook {id} delivery {deliveryId}";
        if (await receivers.FindAsync(id, context.RequestAborted) is null)
        {
            return ApiProblems.NotFound("Webhook receiver", id);
        }

        if (!await outbox.RetryDeadAsync(id, deliveryId, time.GetUtcNow(), context.RequestAborted))
        {
            return await outbox.FindDeliveryAsync(id, deliveryId, context.RequestAborted) is { } existing
                ? ApiProblems.Conflict("Webhook delivery is not dead", $"Delivery '{deliveryId}' is {existing.State}; only a dead delivery can be retried.")
                : ApiProblems.NotFound("Webhook delivery", deliveryId);
        }

        var retried = await outbox.FindDeliveryAsync(id, deliveryId, context.RequestAborted);
        return TypedResults.Accepted($"/api/webhooks/{id}/deliveries", retried!);
    }

    private static ProblemHttpResult ReadOnly(string id) =>
        ApiProblems.Conflict("Webhook receiver is read-only", $"Webhook receiver '{id}' is defined in settings ({WebhookOptions.SectionName}:Receivers); change it there.");
}
