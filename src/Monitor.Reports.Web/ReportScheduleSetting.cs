namespace Monitor.Reports.Web;

/// <summary>A schedule written in settings (<c>Monitor:Reports:Schedules:N</c>).</summary>
public sealed class ReportScheduleSetting
{
    public string? Id { get; set; }

    public string? Group { get; set; }

    public string? Cadence { get; set; }

    public string? Receiver { get; set; }

    public List<string> Entities { get; } = [];

    public string? Delivery { get; set; }
}
