using HumasSaaS.Api.Platform.Http;

namespace HumasSaaS.Tests.Platform;

public sealed class CsvCellTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+62 812", "\"'+62 812\"")]
    [InlineData("-1", "\"'-1\"")]
    [InlineData("@SUM(A1)", "\"'@SUM(A1)\"")]
    [InlineData("\t=1+1", "\"'\t=1+1\"")]
    [InlineData("\r=1+1", "\"'\r=1+1\"")]
    [InlineData("Dinas Kominfo", "\"Dinas Kominfo\"")]
    [InlineData(null, "\"\"")]
    public void Quoted_cells_neutralise_formulas_and_double_quotes(string? value, string expected) =>
        Assert.Equal(expected, CsvCell.Quoted(value));

    [Theory]
    [InlineData("verified", "verified")]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("a, b", "\"a, b\"")]
    [InlineData("kata \"kutip\"", "\"kata \"\"kutip\"\"\"")]
    [InlineData("", "")]
    public void Minimal_cells_quote_only_when_needed_and_still_neutralise_formulas(string value, string expected) =>
        Assert.Equal(expected, CsvCell.Minimal(value));
}
