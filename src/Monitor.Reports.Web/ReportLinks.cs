using System.Globalization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Monitor.Reports;

namespace Monitor.Reports.Web;

/// <summary>The addresses of a report's forms (HTML, PDF, CSV) for one period, absolute for messages that leave the silo.</summary>
public sealed class ReportLinks(IOptions<ReportOptions> options, IServer server)
{
    /// <summary>The path and query of the report of a group.</summary>
    public static string PathOf(string group, ReportPeriod period, string form = "") => PathOf(ReportSubject.Group(group), period, form);

    /// <summary>
    /// The path and query of the report of <paramref name="subject"/> over <paramref name="period"/>, <paramref name="form"/>
    /// being empty (HTML), <c>/pdf</c>, <c>/json</c> or <c>/csv/{table}</c>.
    /// </summary>
    public static string PathOf(ReportSubject subject, ReportPeriod period, string form = "")
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(period);
        var query = period.Kind == ReportPeriodKinds.Range
            ? string.Create(CultureInfo.InvariantCulture, $"period=range&from={period.From:yyyy-MM-dd}&to={period.To:yyyy-MM-dd}")
            : string.Create(CultureInfo.InvariantCulture, $"period={period.Kind}&at={period.From:yyyy-MM-dd}");
        return subject.Kind == ReportSubject.GroupKind
            ? $"/api/reports/groups/{Uri.EscapeDataString(subject.Id)}{form}?{query}"
            : $"/api/reports/entities{form}?ids={Uri.EscapeDataString(subject.Id)}&{query}";
    }

    /// <summary>The absolute address: under <see cref="ReportOptions.PublicBaseUrl"/>, else the silo's first listening address.</summary>
    public Uri Absolute(ReportSubject subject, ReportPeriod period, string form = "")
    {
        var root = options.Value.PublicBaseUrl
            ?? (server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() is { } listening ? new Uri(listening) : new Uri("http://127.0.0.1/"));
        return new Uri(root, root.AbsolutePath.TrimEnd('/') + PathOf(subject, period, form));
    }
}
