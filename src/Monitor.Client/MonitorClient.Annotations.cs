using System.Net.Http.Headers;
using Monitor.Abstractions.Annotations;

namespace Monitor.Client;

/// <summary>Annotations: notes on dates and ranges, drawn on the dashboard's charts.</summary>
public sealed partial class MonitorClient
{
    /// <summary>Annotations: all, or those drawn on an account's or a group's chart.</summary>
    public Task<List<Annotation>> ListAnnotationsAsync(string? account = null, string? group = null, CancellationToken cancellationToken = default)
    {
        var parameters = new List<string>();
        AddParameter(parameters, "account", account);
        AddParameter(parameters, "group", group);
        return GetAsync<List<Annotation>>(parameters.Count == 0 ? "api/annotations" : $"api/annotations?{string.Join('&', parameters)}", cancellationToken);
    }

    /// <summary>Adds a note (writer); the same note twice is stored once.</summary>
    public Task<Annotation> AddAnnotationAsync(AnnotationRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<AnnotationRequest, Annotation>("api/annotations", request, cancellationToken);

    /// <summary>Imports a JSON array of notes (writer), as read from <paramref name="json"/>; notes already stored are counted, not stored twice.</summary>
    public async Task<AnnotationImportResult> ImportAnnotationsAsync(Stream json, CancellationToken cancellationToken = default)
    {
        using var content = new StreamContent(json);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        using var response = await http.PostAsync("api/annotations/import", content, cancellationToken);
        return await ReadAsync<AnnotationImportResult>(response, cancellationToken);
    }

    /// <summary>Removes a note (writer); false when there is no such note.</summary>
    public Task<bool> RemoveAnnotationAsync(string id, CancellationToken cancellationToken = default) =>
        DeleteAsync($"api/annotations/{Uri.EscapeDataString(id)}", cancellationToken);
}
