using CheckoutConsole.Api.Soql;
using Xunit;
using static CheckoutConsole.Tests.Api.Soql.SoqlTestData;

namespace CheckoutConsole.Tests.Api.Soql;

public sealed class SoqlEngineTests
{
    [Fact]
    public void Execute_RealCheckoutFlowQueryWith15CharId_ReturnsTheLiveSessionWithSelectedFieldsInOrder()
    {
        var query = $"SELECT Id, State, NextState, IsProcessing FROM CartCheckoutSession WHERE WebCartId = '{CartA15}' AND IsArchived = false";

        var result = Run(query);

        Assert.Equal("CartCheckoutSession", result.ObjectName);
        Assert.Equal(["Id", "State", "NextState", "IsProcessing"], result.FieldNames);
        var record = Assert.Single(result.Records);
        Assert.Equal(["Id", "State", "NextState", "IsProcessing"], record.Keys);
        Assert.Equal(Sessions[1]["Id"], record["Id"]);
        Assert.Equal(18, ((string)record["Id"]!).Length);
        Assert.Equal("Checkout Summary", record["State"]);
        Assert.Equal("Order Confirmation", record["NextState"]);
        Assert.Equal(true, record["IsProcessing"]);
        Assert.Equal(1, result.TotalSize);
    }

    [Fact]
    public void Execute_18CharIdLiteralWithLowerCaseChecksum_MatchesTheSameRows()
    {
        var literal = CartB[..15] + CartB[15..].ToLowerInvariant();

        var result = Run($"SELECT Name FROM CartCheckoutSession WHERE WebCartId = '{literal}'");

        Assert.Equal(["S3", "S4"], Names(result));
    }

    [Fact]
    public void Execute_IdLiteralDifferingOnlyInCase_MatchesNothing()
    {
        var literal = CartA15.ToUpperInvariant();

        var result = Run($"SELECT Name FROM CartCheckoutSession WHERE WebCartId = '{literal}'");

        Assert.Empty(result.Records);
    }

    [Fact]
    public void Execute_NamesInAnyCase_OutputUsesCanonicalNames()
    {
        var result = Run($"select id, STATE, webcartID from cartcheckoutsession where WEBCARTID = '{CartA15}' order by name");

        Assert.Equal("CartCheckoutSession", result.ObjectName);
        Assert.Equal(["Id", "State", "WebCartId"], result.FieldNames);
        Assert.All(result.Records, record => Assert.Equal(["Id", "State", "WebCartId"], record.Keys));
        Assert.Equal(["Start", "Checkout Summary"], result.Records.Select(record => record["State"]));
    }

    [Fact]
    public void Execute_ObjectNamedOrder_IsNotMistakenForOrderBy()
    {
        var result = Run("SELECT OrderNumber FROM order WHERE Status = 'Activated' ORDER BY OrderNumber");

        Assert.Equal("Order", result.ObjectName);
        Assert.Equal(["00000101"], result.Records.Select(record => record["OrderNumber"]));
    }

    [Fact]
    public void Execute_KeywordsInMixedCase_AreRecognised()
    {
        var result = Run("sElEcT Name FrOm CartCheckoutSession wHeRe NOT IsError = TRUE aNd (State In ('Start', 'Error') Or NextState LiKe 'order%') OrDeR bY Name DeSc NuLlS fIrSt LiMiT 5");

        Assert.Equal(["S2", "S1"], Names(result));
    }

    [Fact]
    public void Execute_SelectedFieldMissingFromRow_YieldsNull()
    {
        var rows = new[] { new Dictionary<string, object?> { ["Name"] = "bare" } };

        var result = SoqlEngine.Execute("SELECT Name, OrderId FROM CartCheckoutSession", Lookup, _ => rows);

        var record = Assert.Single(result.Records);
        Assert.Equal("bare", record["Name"]);
        Assert.Null(record["OrderId"]);
    }

    [Theory]
    [InlineData("Quantity = 2", new[] { "Red Shirt" })]
    [InlineData("Quantity = 2.0", new[] { "Red Shirt" })]
    [InlineData("Quantity != 2", new[] { "Blue Shirt", "Shipping", "Return" })]
    [InlineData("Quantity <> 2", new[] { "Blue Shirt", "Shipping", "Return" })]
    [InlineData("Quantity < 2", new[] { "Blue Shirt", "Shipping", "Return" })]
    [InlineData("Quantity <= 2", new[] { "Red Shirt", "Blue Shirt", "Shipping", "Return" })]
    [InlineData("Quantity > 1", new[] { "Red Shirt", "Blue Shirt" })]
    [InlineData("Quantity >= 1.5", new[] { "Red Shirt", "Blue Shirt" })]
    [InlineData("Quantity = -3", new[] { "Return" })]
    [InlineData("Quantity > -3.5", new[] { "Red Shirt", "Blue Shirt", "Shipping", "Return" })]
    [InlineData("TotalPrice < 0", new[] { "Return" })]
    public void Execute_NumericComparison_ComparesNumericallyAcrossStoredNumberTypes(string condition, string[] expected)
    {
        var result = Run($"SELECT Name FROM CartItem WHERE {condition}");

        Assert.Equal(expected, Names(result));
    }

    [Theory]
    [InlineData("State = 'start'", new[] { "S1" })]
    [InlineData("State = 'START'", new[] { "S1" })]
    [InlineData("State != 'start'", new[] { "S2", "S3", "S4" })]
    [InlineData("State < 'D'", new[] { "S2" })]
    [InlineData("State >= 'order confirmation'", new[] { "S1", "S3" })]
    [InlineData("State > 'Error'", new[] { "S1", "S3" })]
    [InlineData("State <= 'error'", new[] { "S2", "S4" })]
    public void Execute_StringComparison_IsCaseInsensitive(string condition, string[] expected)
    {
        var result = Run($"SELECT Name FROM CartCheckoutSession WHERE {condition}");

        Assert.Equal(expected, Names(result));
    }

    [Theory]
    [InlineData("IsArchived = true", new[] { "S1", "S4" })]
    [InlineData("IsArchived != true", new[] { "S2", "S3" })]
    [InlineData("IsArchived = FALSE", new[] { "S2", "S3" })]
    [InlineData("IsArchived <> false", new[] { "S1", "S4" })]
    public void Execute_BooleanComparison_MatchesFlags(string condition, string[] expected)
    {
        var result = Run($"SELECT Name FROM CartCheckoutSession WHERE {condition}");

        Assert.Equal(expected, Names(result));
    }

    [Fact]
    public void Execute_BooleanStoredAsNull_IsTreatedAsFalseLikeSalesforce()
    {
        var result = Run("SELECT Name FROM CartCheckoutSession WHERE IsProcessing = false");

        Assert.Equal(["S1", "S3", "S4"], Names(result));
    }

    [Fact]
    public void Execute_BooleanComparedWithNull_MeansFalse()
    {
        var result = Run("SELECT Name FROM CartCheckoutSession WHERE IsError = null");

        Assert.Equal(["S1", "S2", "S3"], Names(result));
    }

    [Theory]
    [InlineData("State IN ('Start', 'error')", new[] { "S1", "S4" })]
    [InlineData("State NOT IN ('Start', 'error')", new[] { "S2", "S3" })]
    [InlineData("NextState IN ('Start', null)", new[] { "S3", "S4" })]
    [InlineData("NextState NOT IN ('Start')", new[] { "S1", "S2" })]
    [InlineData("NextState NOT IN ('Start', null)", new[] { "S1", "S2" })]
    [InlineData("State IN ('Nowhere')", new string[0])]
    public void Execute_InAndNotIn_MatchMembership(string condition, string[] expected)
    {
        var result = Run($"SELECT Name FROM CartCheckoutSession WHERE {condition}");

        Assert.Equal(expected, Names(result));
    }

    [Fact]
    public void Execute_IdInListMixingShortAndLongForms_MatchesBoth()
    {
        var result = Run($"SELECT Name FROM CartCheckoutSession WHERE WebCartId IN ('{CartA15}', '{CartB}') AND Id NOT IN ('{Sessions[0]["Id"]}')");

        Assert.Equal(["S2", "S3", "S4"], Names(result));
    }

    [Theory]
    [InlineData("Sku LIKE 'SKU%'", new[] { "Red Shirt", "Blue Shirt", "Shipping" })]
    [InlineData("Sku LIKE 'sku%'", new[] { "Red Shirt", "Blue Shirt", "Shipping" })]
    [InlineData("Sku LIKE '%red%'", new[] { "Red Shirt", "Blue Shirt" })]
    [InlineData("Sku LIKE '%-0_'", new[] { "Red Shirt", "Blue Shirt" })]
    [InlineData("Sku LIKE 'SKU_RED-01'", new[] { "Red Shirt" })]
    [InlineData("Sku LIKE 'SKU\\_%'", new[] { "Red Shirt" })]
    [InlineData("Sku LIKE 'SKU\\%%'", new[] { "Shipping" })]
    [InlineData("Sku LIKE '____-_'", new string[0])]
    [InlineData("Sku LIKE '___-_'", new[] { "Return" })]
    [InlineData("Sku LIKE '%'", new[] { "Red Shirt", "Blue Shirt", "Shipping", "Gift", "Return" })]
    [InlineData("Sku LIKE 'gift-card'", new[] { "Gift" })]
    [InlineData("Sku LIKE 'gift'", new string[0])]
    [InlineData("Sku LIKE ''", new string[0])]
    [InlineData("Sku LIKE '%%%a%%r%%'", new[] { "Gift" })]
    [InlineData("NOT Sku LIKE 'SKU%'", new[] { "Gift", "Return" })]
    public void Execute_Like_MatchesWildcardsCaseInsensitively(string condition, string[] expected)
    {
        var result = Run($"SELECT Name FROM CartItem WHERE {condition}");

        Assert.Equal(expected, Names(result));
    }

    [Theory]
    [InlineData("State = 'Start' OR State = 'Error' AND IsError = true", new[] { "S1", "S4" })]
    [InlineData("(State = 'Start' OR State = 'Error') AND IsError = true", new[] { "S4" })]
    [InlineData("IsError = true AND State = 'Error' OR State = 'Start'", new[] { "S1", "S4" })]
    [InlineData("IsError = true AND (State = 'Error' OR State = 'Start')", new[] { "S4" })]
    [InlineData("NOT State = 'Start'", new[] { "S2", "S3", "S4" })]
    [InlineData("NOT (IsArchived = true OR IsError = true)", new[] { "S2", "S3" })]
    [InlineData("NOT NOT IsArchived = true", new[] { "S1", "S4" })]
    [InlineData("((((State = 'Start'))))", new[] { "S1" })]
    [InlineData("State = 'Start' AND IsArchived = true AND IsError = false AND Name = 'S1'", new[] { "S1" })]
    public void Execute_LogicalOperators_AndBindsTighterThanOr(string condition, string[] expected)
    {
        var result = Run($"SELECT Name FROM CartCheckoutSession WHERE {condition}");

        Assert.Equal(expected, Names(result));
    }

    [Theory]
    [InlineData("NextState = null", new[] { "S3" })]
    [InlineData("NextState != null", new[] { "S1", "S2", "S4" })]
    [InlineData("NextState <> NULL", new[] { "S1", "S2", "S4" })]
    [InlineData("NextState != 'Start'", new[] { "S1", "S2" })]
    [InlineData("NextState > 'A'", new[] { "S1", "S2", "S4" })]
    [InlineData("NextState < null", new string[0])]
    [InlineData("OrderId = null", new[] { "S1", "S2", "S4" })]
    [InlineData("LastModifiedDate = null", new[] { "S4" })]
    [InlineData("NOT NextState = null", new[] { "S1", "S2", "S4" })]
    public void Execute_NullComparison_FollowsSalesforceRules(string condition, string[] expected)
    {
        var result = Run($"SELECT Name FROM CartCheckoutSession WHERE {condition}");

        Assert.Equal(expected, Names(result));
    }

    [Theory]
    [InlineData("CreatedDate = 2026-11-21T10:00:00Z", new[] { "S2" })]
    [InlineData("CreatedDate = 2026-11-21T10:00:00.000+0000", new[] { "S2" })]
    [InlineData("CreatedDate = 2026-11-21T11:00:00+01:00", new[] { "S2" })]
    [InlineData("CreatedDate = 2026-11-21T05:00:00-0500", new[] { "S2" })]
    [InlineData("CreatedDate = 2026-11-21T23:00:00Z", new[] { "S4" })]
    [InlineData("CreatedDate > 2026-11-21T09:30:00Z", new[] { "S2", "S4" })]
    [InlineData("CreatedDate <= 2026-11-21T09:00:00.0000000Z", new[] { "S1", "S3" })]
    [InlineData("CreatedDate >= 2026-11-21", new[] { "S1", "S2", "S4" })]
    [InlineData("CreatedDate < 2026-11-21", new[] { "S3" })]
    [InlineData("LastModifiedDate != 2026-11-21T09:05:00Z", new[] { "S2", "S3" })]
    public void Execute_DateTimeLiterals_CompareAsInstants(string condition, string[] expected)
    {
        var result = Run($"SELECT Name FROM CartCheckoutSession WHERE {condition}");

        Assert.Equal(expected, Names(result));
    }

    [Fact]
    public void Execute_DateTimeStoredAsUtcDateTime_ComparesLikeDateTimeOffset()
    {
        var rows = new[]
        {
            new Dictionary<string, object?> { ["Name"] = "utc", ["CreatedDate"] = new DateTime(2026, 11, 21, 10, 0, 0, DateTimeKind.Utc) },
        };

        var result = SoqlEngine.Execute("SELECT Name FROM CartCheckoutSession WHERE CreatedDate = 2026-11-21T11:00:00+01:00", Lookup, _ => rows);

        Assert.Equal(["utc"], Names(result));
    }

    [Theory]
    [InlineData("LastModifiedDate", new[] { "S4", "S3", "S1", "S2" })]
    [InlineData("LastModifiedDate ASC", new[] { "S4", "S3", "S1", "S2" })]
    [InlineData("LastModifiedDate DESC", new[] { "S2", "S1", "S3", "S4" })]
    [InlineData("LastModifiedDate ASC NULLS LAST", new[] { "S3", "S1", "S2", "S4" })]
    [InlineData("LastModifiedDate DESC NULLS FIRST", new[] { "S4", "S2", "S1", "S3" })]
    [InlineData("NextState, Name DESC", new[] { "S3", "S2", "S1", "S4" })]
    [InlineData("IsArchived", new[] { "S2", "S3", "S1", "S4" })]
    [InlineData("IsArchived DESC, CreatedDate DESC", new[] { "S4", "S1", "S2", "S3" })]
    [InlineData("WebCartId DESC", new[] { "S3", "S4", "S1", "S2" })]
    [InlineData("State", new[] { "S2", "S4", "S3", "S1" })]
    [InlineData("Id DESC", new[] { "S4", "S3", "S2", "S1" })]
    public void Execute_OrderBy_SortsStablyWithSalesforceNullDefaults(string orderBy, string[] expected)
    {
        var result = Run($"SELECT Name FROM CartCheckoutSession ORDER BY {orderBy}");

        Assert.Equal(expected, Names(result));
    }

    [Fact]
    public void Execute_OrderByNumber_SortsNumericallyNotTextually()
    {
        var result = Run("SELECT Name, Quantity FROM CartItem ORDER BY Quantity DESC");

        Assert.Equal(["Red Shirt", "Blue Shirt", "Shipping", "Return", "Gift"], Names(result));
    }

    [Theory]
    [InlineData("LIMIT 2", new[] { "S1", "S2" })]
    [InlineData("LIMIT 0", new string[0])]
    [InlineData("LIMIT 50000", new[] { "S1", "S2", "S3", "S4" })]
    [InlineData("ORDER BY CreatedDate DESC LIMIT 1", new[] { "S4" })]
    public void Execute_Limit_CapsTheRecords(string tail, string[] expected)
    {
        var result = Run($"SELECT Name FROM CartCheckoutSession {tail}");

        Assert.Equal(expected, Names(result));
    }

    [Fact]
    public void Execute_LimitWithoutOrderBy_StopsReadingRowsEarly()
    {
        var read = 0;
        IEnumerable<IReadOnlyDictionary<string, object?>> Counting(SoqlObjectSchema schema)
        {
            foreach (var row in Sessions)
            {
                read++;
                yield return row;
            }
        }

        var result = SoqlEngine.Execute("SELECT Name FROM CartCheckoutSession WHERE IsError = false LIMIT 2", Lookup, Counting);

        Assert.Equal(["S1", "S2"], Names(result));
        Assert.Equal(2, read);
    }

    [Fact]
    public void Execute_RowsFunction_ReceivesTheResolvedSchema()
    {
        SoqlObjectSchema? received = null;

        SoqlEngine.Execute("SELECT Id FROM cartitem", Lookup, schema =>
        {
            received = schema;
            return [];
        });

        Assert.Same(CartItem, received);
    }

    [Theory]
    [InlineData("SELECT Nope FROM CartCheckoutSession")]
    [InlineData("SELECT Id FROM CartCheckoutSession WHERE Nope = 1")]
    [InlineData("SELECT Id FROM CartCheckoutSession ORDER BY Nope")]
    [InlineData("SELECT Id FROM CartCheckoutSession WHERE IsArchived = 'x'")]
    [InlineData("SELECT Id FROM Nope")]
    public void Execute_InvalidQuery_FailsBeforeAnyRowIsRead(string query)
    {
        var called = false;

        var exception = Record.Exception(() => SoqlEngine.Execute(query, Lookup, _ =>
        {
            called = true;
            return Sessions;
        }));

        Assert.IsType<SoqlException>(exception);
        Assert.False(called);
    }

    [Fact]
    public void Execute_RowValueOfWrongClrType_ThrowsInvalidOperationNamingTheField()
    {
        var rows = new[] { new Dictionary<string, object?> { ["Name"] = "x", ["Quantity"] = "two" } };

        var exception = Assert.Throws<InvalidOperationException>(() => SoqlEngine.Execute("SELECT Name FROM CartItem WHERE Quantity > 1", Lookup, _ => rows));

        Assert.Contains("Quantity", exception.Message);
    }

    [Fact]
    public void Execute_TenThousandRows_FiltersSortsAndLimits()
    {
        var rows = Enumerable.Range(0, 10_000)
            .Select(i => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
            {
                ["Name"] = $"item-{i:D5}",
                ["Quantity"] = i % 100,
                ["Type"] = i % 2 == 0 ? "Product" : "Charge",
            })
            .ToList();

        var result = SoqlEngine.Execute(
            "SELECT Name, Quantity FROM CartItem WHERE Type = 'product' AND Quantity IN (10, 20, 30) ORDER BY Quantity DESC, Name LIMIT 3",
            Lookup,
            _ => rows);

        Assert.Equal(["item-00030", "item-00130", "item-00230"], Names(result));
        Assert.All(result.Records, record => Assert.Equal(30, record["Quantity"]));
    }
}
