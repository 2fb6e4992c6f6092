using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Monitor.Abstractions.Alerts;

namespace Monitor.Client;

/// <summary>Alerts: the feed, the live stream, incidents, and the silences that mute alerts.</summary>
public sealed partial class MonitorClient
{
    /// <summary>The alert feed (first page matching the query).</summary>
    public Task<AlertPage> QueryAlertsAsync(string query, CancellationToken cancellationToken = default) =>
        GetAsync<AlertPage>($"api/alerts?{query}", cancellationToken);

    /// <summary>The correlated incidents.</summary>
    public Task<List<Incident>> ListIncidentsAsync(CancellationToken cancellationToken = default) =>
        GetAsync<List<Incident>>("api/incidents", cancellationToken);

    /// <summary>
    /// Follows the live alert stream from after <paramref name="afterSequence"/> (null: only new changes),
    /// reconnecting with Last-Event-ID when the connection drops, until cancelled.
    /// </summary>
    public async IAsyncEnumerable<AlertChange> FollowAlertsAsync(long? afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var lastSeen = afterSequence;
        while (!cancellationToken.IsCancellationRequested)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "api/alerts/stream");
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            if (lastSeen is { } sequence)
            {
                request.Headers.Add("Last-Event-ID", sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            }
            catch (HttpRequestException) when (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                continue;
            }

            using (response)
            {
                await EnsureSuccessAsync(response, cancellationToken);
                await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
                var parser = SseParser.Create(stream, (_, data) => JsonSerializer.Deserialize<AlertChange>(data, Json));
                var enumerator = parser.EnumerateAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
                try
                {
                    while (true)
                    {
                        try
                        {
                            if (!await enumerator.MoveNextAsync())
                            {
                                break;
                            }
                        }
                        catch (Exception ex) when (ex is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
                        {
                            break;
                        }

                        if (enumerator.Current.Data is { } change)
                        {
                            lastSeen = change.Sequence;
                            yield return change;
                        }
                    }
                }
                finally
                {
                    await enumerator.DisposeAsync();
                }
            }
        }
    }

    /// <summary>Adds a silence (admin) and returns it as the silo stored it.</summary>
    public Task<Silence> AddSilenceAsync(NewSilence silence, CancellationToken cancellationToken = default) =>
        PostAsync<NewSilence, Silence>("api/silences", silence, cancellationToken);

    /// <summary>Silences in force, or every silence kept (expired ones too) when <paramref name="all"/>.</summary>
    public Task<List<Silence>> ListSilencesAsync(bool all, CancellationToken cancellationToken = default) =>
        GetAsync<List<Silence>>(all ? "api/silences?state=all" : "api/silences", cancellationToken);

    /// <summary>Expires a silence now (admin); false when there is no such silence in force.</summary>
    public Task<bool> ExpireSilenceAsync(string id, CancellationToken cancellationToken = default) =>
        DeleteAsync($"api/silences/{Uri.EscapeDataString(id)}", cancellationToken);
}
