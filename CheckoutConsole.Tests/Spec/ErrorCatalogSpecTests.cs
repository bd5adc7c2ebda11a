using CheckoutConsole.Domain.Errors;

namespace CheckoutConsole.Tests.Spec;

/// <summary>The catalog the API and the consoles read, checked row by row against SPEC §5 written as literals.</summary>
public sealed class ErrorCatalogSpecTests
{
    public static TheoryData<CheckoutAction, int> SpecRows()
    {
        var data = new TheoryData<CheckoutAction, int>();
        foreach (var row in SpecErrorTable.Rows)
        {
            data.Add(row.Action, row.Row);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SpecRows))]
    public void Catalog_SpecRow_HasTheSpecsCodeAndHttpStatus(CheckoutAction action, int row)
    {
        var expected = SpecErrorTable.Row(action, row);

        var actual = ErrorCatalog.For(action).SingleOrDefault(r => r.Row == row);

        Assert.NotNull(actual);
        Assert.Equal((expected.Code, expected.HttpStatus), (actual.Code, actual.HttpStatus));
    }

    [Fact]
    public void Catalog_EveryAction_HasExactlyTheSpecsRows()
    {
        var spec = SpecErrorTable.Rows.Select(r => (r.Action, r.Row)).Order().ToList();

        var catalog = ErrorCatalog.Rows.Select(r => (r.Action, r.Row)).Order().ToList();

        Assert.Equal(spec, catalog);
    }
}
