using System.Text;

namespace Monitor.Reports;

/// <summary>
/// One section of a group report's HTML. The report is the sections of <see cref="ReportSections.Default"/> in order; a new
/// comparison (the entities' combined reach, for one) is a new section added there, fed from <see cref="GroupReport"/>.
/// </summary>
public interface IReportSection
{
    /// <summary>The section's id (the element id and its <c>data-section</c>).</summary>
    string Id { get; }

    /// <summary>Whether the report has the section at all (the entity comparison only when an entity owns a member).</summary>
    bool IsShown(GroupReport report) => true;

    /// <summary>Whether the section starts a new printed page.</summary>
    bool StartsPage { get; }

    /// <summary>How many printed pages the section adds after its first (one per alert, for example).</summary>
    int ExtraPages(GroupReport report);

    /// <summary>Writes the section's content (inside its <c>section</c> element).</summary>
    void Write(GroupReport report, StringBuilder html);
}
