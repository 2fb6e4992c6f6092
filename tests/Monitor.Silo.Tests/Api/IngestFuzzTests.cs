using System.Globalization;
using System.Net.Http.Headers;
using System.Net;
using System.Text.Json;
using System.Text;
using Monitor.Abstractions.Accounts;
using Monitor.Import;
using Monitor.Silo.Tests.Infrastructure;
using Xunit;

namespace Monitor.Silo.Tests.Api;

/// <summary>
/// Random and mutated bodies against the ingest and import readers (issue #16): never a 5xx, every error a problem with a
/// detail, valid items of a mixed batch stored, nothing stored from a refused item or request. A fixed seed and count in
/// CI; MONITOR_FUZZ_SEED, MONITOR_FUZZ_ITERATIONS and MONITOR_FUZZ_SECONDS run it longer on demand (docs/operations.md).
/// </summary>
public sealed class IngestFuzzTests(SqliteSiloFixture fixture) : IClassFixture<SqliteSiloFixture>
{
    // Valid items go to one account, timed in 2024 one minute apart; mutants go to another whose key differs in length
    // by more than one mutation can change, so what a mutant stores (even with a mutated time) never lands beside them.
    private static readonly DateTimeOffset ValidStart = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset MutantStart = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly string[] Hostile =
    [
        "\"\\ud800\"", "\"\\udc00x\"", "null", "true", "1e999", "-1", "12.5", "\"2024-13-45\"", "{}", "[]", "\"" + new string('x', 300) + "\"",
        "\"2024-09-28T00:00:00+14:59\"", "\"0001-01-01T00:00:00Z\"", "\"9999-12-31T23:59:59-14:00\"", "99999999999999999999", "\"x:\\u0000\"", "\"\"",
    ];

    private static readonly string[] MediaTypes =
        ["application/json", "application/json", "application/x-ndjson", "application/jsonl", "text/plain", "application/json; charset=iso-8859-1", "text/csv"];

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Random_and_mutated_json_and_csv_bodies_never_5xx_and_store_exactly_the_valid_items()
    {
        var seed = Setting("MONITOR_FUZZ_SEED", 16);
        var iterations = Setting("MONITOR_FUZZ_ITERATIONS", 150);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(Setting("MONITOR_FUZZ_SECONDS", 90));
        var random = new Random(seed);
        var account = $"x:{random.NextInt64(1_000_000_000_000, 9_999_999_999_999)}";
        var mutantAccount = TestAccounts.NewKey();
        await fixture.Silo.RegisterAsync(account);
        await fixture.Silo.RegisterAsync(mutantAccount);
        var expected = new HashSet<DateTimeOffset>();
        long mutantsAccepted = 0;
        var validMinute = 0;
        var mutantMinute = 0;

        for (var iteration = 0; iteration < iterations && DateTime.UtcNow < deadline; iteration++)
        {
            var csv = random.Next(3) == 0;

            // Now and then the body itself is damaged (cut short, or random bytes); its items then count as mutants.
            var damage = random.Next(12);
            var items = Enumerable.Range(0, random.Next(1, SqliteSiloFixture.MaxBatchSize + 1))
                .Select(_ => damage > 1 && random.Next(2) == 0
                    ? (Valid: true, At: ValidStart.AddMinutes(validMinute++))
                    : (Valid: false, At: MutantStart.AddMinutes(mutantMinute++)))
                .ToList();
            var lines = items.Select(item => item.Valid ? Encoding.UTF8.GetBytes(Line(account, item.At, csv)) : Mutate(random, Line(mutantAccount, item.At, csv))).ToList();
            var mediaType = csv ? (random.Next(6) == 0 ? MediaTypes[random.Next(MediaTypes.Length)] : "text/csv")
                : random.Next(6) == 0 ? MediaTypes[random.Next(MediaTypes.Length)] : random.Next(2) == 0 ? "application/json" : "application/x-ndjson";
            var body = Body(lines, csv, mediaType, damage, random);
            var context = $"seed {seed}, iteration {iteration}, {mediaType}: {JsonSerializer.Serialize(Encoding.Latin1.GetString(body))}";

            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
            using var response = await fixture.Silo.Http.PostAsync(csv ? "api/import" : "api/observations", content, Cancellation);
            var text = await response.Content.ReadAsStringAsync(Cancellation);
            Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} {text} for {context}");
            using var answer = text.Length > 0 ? JsonDocument.Parse(text) : null;
            if (!response.IsSuccessStatusCode)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.False(string.IsNullOrWhiteSpace(answer!.RootElement.GetProperty("detail").GetString()), $"{text} for {context}");
            }

            // Items (or rows) a 200 or 422 answer did not refuse are stored; any other answer stores nothing.
            if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.UnprocessableEntity)
            {
                var refused = Refused(answer!.RootElement, csv);
                for (var index = 0; index < items.Count; index++)
                {
                    if (refused.Contains(index))
                    {
                        Assert.False(items[index].Valid, $"valid item {index} was refused: {text} for {context}");
                    }
                    else if (items[index].Valid)
                    {
                        expected.Add(items[index].At);
                    }
                    else
                    {
                        mutantsAccepted++;
                    }
                }
            }
        }

        var stored = (await fixture.Silo.GetAsync<List<HistoryPoint>>($"api/accounts/{account}/history?resolution=raw")).Select(point => point.Timestamp).ToList();
        Assert.Equal(expected.Order(), stored.Order());
        var storedMutants = await fixture.Silo.GetAsync<List<HistoryPoint>>($"api/accounts/{mutantAccount}/history?resolution=raw");
        Assert.InRange(storedMutants.Count, 0, mutantsAccepted);
    }

    private static int Setting(string variable, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;

    private static string Line(string account, DateTimeOffset at, bool csv) => csv
        ? $"{account},{at:yyyy-MM-ddTHH:mm:ssZ},{1000 + at.Minute},{at.Hour},"
        : JsonSerializer.Serialize(new { account, timestamp = at, followers = 1000 + at.Minute, source = "fuzz" });

    private static byte[] Body(List<byte[]> lines, bool csv, string mediaType, int damage, Random random)
    {
        var body = new List<byte>();
        if (csv)
        {
            body.AddRange(Encoding.UTF8.GetBytes(ObservationCsvReader.GenericHeader + "\n"));
            foreach (var line in lines)
            {
                body.AddRange(line);
                body.Add((byte)'\n');
            }
        }
        else if (mediaType.Split(';')[0] == "application/json" && random.Next(4) != 0)
        {
            body.Add((byte)'[');
            body.AddRange(lines.SelectMany((line, index) => index == 0 ? line : [(byte)',', .. line]));
            body.Add((byte)']');
        }
        else
        {
            body.AddRange(lines.SelectMany(line => (byte[])[.. line, (byte)'\n']));
        }

        return damage switch
        {
            0 => [.. body.Take(random.Next(body.Count + 1))],
            1 => [.. Enumerable.Range(0, random.Next(1, 200)).Select(_ => (byte)random.Next(256))],
            _ => [.. body],
        };
    }

    // Any byte but a line break or a quote: those would move rows of the body across lines, so refusals could not be
    // matched to items by index or line (damaged whole bodies cover them).
    private static byte AnyByte(Random random)
    {
        while (true)
        {
            var value = (byte)random.Next(256);
            if (value is not ((byte)'\n' or (byte)'\r' or (byte)'"'))
            {
                return value;
            }
        }
    }

    private static byte[] Mutate(Random random, string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line).ToList();
        switch (random.Next(4))
        {
            case 0:
                bytes[random.Next(bytes.Count)] = AnyByte(random);
                break;
            case 1:
                bytes.InsertRange(random.Next(bytes.Count), new byte[] { 0xff, 0xc3 }.Take(random.Next(1, 3)));
                break;
            case 2:
                var value = Hostile[random.Next(Hostile.Length)];
                var fields = new[] { "\"account\":", "\"timestamp\":", "\"followers\":", "\"source\":" };
                var field = fields[random.Next(fields.Length)];
                var start = line.IndexOf(field, StringComparison.Ordinal);
                if (start >= 0)
                {
                    var valueStart = start + field.Length;
                    var valueEnd = line.IndexOfAny([',', '}'], line[valueStart] == '"' ? line.IndexOf('"', valueStart + 1) : valueStart);
                    return Encoding.UTF8.GetBytes(line[..valueStart] + value + line[valueEnd..]);
                }

                var columns = line.Split(',');
                columns[random.Next(columns.Length)] = value.Trim('"');
                return Encoding.UTF8.GetBytes(string.Join(',', columns));
            default:
                bytes.RemoveRange(random.Next(bytes.Count), 1);
                break;
        }

        return [.. bytes];
    }

    // JSON answers list refused items by index; an import lists bad rows by line (the header is line 1).
    private static HashSet<int> Refused(JsonElement answer, bool csv) => csv
        ? [.. answer.GetProperty("errors").EnumerateArray().Select(error => error.GetProperty("line").GetInt32() - 2)]
        : [.. answer.GetProperty("rejected").EnumerateArray().Select(rejection => rejection.GetProperty("index").GetInt32())];
}
