using System.Diagnostics;
using System.Net.Http.Json;
using Monitor.Abstractions.Access;
using Monitor.AccessControl;
using Monitor.Hosting;
using Monitor.Silo.Tests.Deployment;
using Monitor.Silo.Tests.Infrastructure;
using Xunit;
using Monitor.Testing;

namespace Monitor.Silo.Tests.Api;

/// <summary>
/// The contract as a client generator reads it: Kiota (the repository's tool manifest) generates a C# client from the
/// document the silo serves, and a program built on that client registers an account, posts a surge, reads the summary
/// and the alert, authenticated by an API key.
/// </summary>
public sealed class KiotaClientTests : IAsyncLifetime
{
    private const string KiotaPackageVersion = "2.1.6";
    private readonly TemporaryDirectory _directory = new("monitor-kiota-");
    private RunningSilo _silo = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _silo = await RunningSilo.StartAsync(new SiloHostOptions().UseSqlite(_directory.File("kiota.db")));

    public async ValueTask DisposeAsync()
    {
        await _silo.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task A_generated_client_registers_ingests_and_reads_the_summary_and_alerts_with_an_api_key()
    {
        // The first key turns access control on: from here every API call needs it.
        using var created = await _silo.Http.PostAsJsonAsync("api/keys", new CreateApiKeyRequest("admin", "kiota-test"), RunningSilo.Json, Cancellation);
        created.EnsureSuccessStatusCode();
        var key = (await RunningSilo.ReadAsync<CreatedApiKey>(created)).Key;
        using var anonymous = await _silo.Http.GetAsync("api/accounts", Cancellation);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, anonymous.StatusCode);

        var document = _directory.File("openapi.json");
        await File.WriteAllTextAsync(document, await _silo.Http.GetStringAsync("openapi/v1.json", Cancellation), Cancellation);
        var project = Directory.CreateDirectory(_directory.File("driver")).FullName;
        await RunAsync(RepositoryFiles.Root, "dotnet", "tool", "restore");
        await RunAsync(RepositoryFiles.Root, "dotnet", "kiota", "generate", "--language", "CSharp", "--openapi", document,
            "--class-name", "MonitorApiClient", "--namespace-name", "Monitor.Kiota.Client", "--output", Path.Combine(project, "Client"), "--log-level", "Warning");
        await File.WriteAllTextAsync(Path.Combine(project, "Driver.csproj"), DriverProject(), Cancellation);
        File.Copy(RepositoryFiles.PathOf("tests/Monitor.Silo.Tests/Api/KiotaDriver/Program.cs.txt"), Path.Combine(project, "Program.cs"));

        var account = "x:@kiota_" + Guid.NewGuid().ToString("N")[..8];
        var output = await RunAsync(project, "dotnet", "run", "--", _silo.Address.ToString().TrimEnd('/'), key, account);

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains($"registered={account.ToLowerInvariant()}", lines);
        Assert.Contains("accepted=240", lines);
        Assert.Contains("rejected=0", lines);
        Assert.Contains(lines, line => line.StartsWith("followers=", StringComparison.Ordinal) && long.Parse(line["followers=".Length..], System.Globalization.CultureInfo.InvariantCulture) > 190_000);
        var alert = Assert.Single(lines, line => line.StartsWith("alert=", StringComparison.Ordinal));
        Assert.Matches(@"^alert=surge,(spike|surge),resolved,\d{4}-\d{2}-\d{2}$", alert);
    }

    private static string DriverProject() => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Microsoft.Kiota.Abstractions" Version="{KiotaPackageVersion}" />
            <PackageReference Include="Microsoft.Kiota.Http.HttpClientLibrary" Version="{KiotaPackageVersion}" />
            <PackageReference Include="Microsoft.Kiota.Serialization.Json" Version="{KiotaPackageVersion}" />
            <PackageReference Include="Microsoft.Kiota.Serialization.Text" Version="{KiotaPackageVersion}" />
            <PackageReference Include="Microsoft.Kiota.Serialization.Form" Version="{KiotaPackageVersion}" />
            <PackageReference Include="Microsoft.Kiota.Serialization.Multipart" Version="{KiotaPackageVersion}" />
          </ItemGroup>
        </Project>
        """;

    private static async Task<string> RunAsync(string directory, string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["KIOTA_TUTORIAL_ENABLED"] = "false";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var standardOutput = process.StandardOutput.ReadToEndAsync(Cancellation);
        var standardError = process.StandardError.ReadToEndAsync(Cancellation);
        await process.WaitForExitAsync(Cancellation);
        var text = await standardOutput;
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{text}\n{await standardError}");
        return text;
    }
}
