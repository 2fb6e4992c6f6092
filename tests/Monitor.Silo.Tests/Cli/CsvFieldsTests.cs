using Monitor.Import;
using Xunit;

namespace Monitor.Silo.Tests.Cli;

public sealed class CsvFieldsTests
{
    [Theory]
    [InlineData("x:1,2024-01-01T00:00:00Z,10,,5", new[] { "x:1", "2024-01-01T00:00:00Z", "10", "", "5" })]
    [InlineData(" x:1 , 2024-01-01 ,10", new[] { "x:1", "2024-01-01", "10" })]
    [InlineData("a,b,", new[] { "a", "b", "" })]
    [InlineData("", new[] { "" })]
    [InlineData(",", new[] { "", "" })]
    public void An_unquoted_line_is_cut_at_its_commas_and_trimmed(string line, string[] expected) =>
        Assert.Equal(expected, CsvFields.Split(line));

    [Theory]
    [InlineData("x,\"Türkiye, MFA\",3", new[] { "x", "Türkiye, MFA", "3" })]
    [InlineData("\"say \"\"hi\"\"\",b", new[] { "say \"hi\"", "b" })]
    [InlineData("\" padded \",b", new[] { "padded", "b" })]
    public void A_quoted_field_keeps_its_commas_and_doubled_quotes(string line, string[] expected) =>
        Assert.Equal(expected, CsvFields.Split(line));
}
