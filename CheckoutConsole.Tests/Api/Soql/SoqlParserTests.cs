using System.Text;
using CheckoutConsole.Api.Soql;
using Xunit;
using static CheckoutConsole.Tests.Api.Soql.SoqlTestData;

namespace CheckoutConsole.Tests.Api.Soql;

public sealed class SoqlParserTests
{
    private static readonly string[] TokenSoup =
    [
        "SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "IN", "LIKE", "ORDER", "BY", "ASC", "DESC", "NULLS", "FIRST", "LAST", "LIMIT",
        "Id", "Name", "Quantity", "IsArchived", "CreatedDate", "WebCartId", "NextState", "CartItem", "CartCheckoutSession", "Nope",
        "(", ")", ",", "=", "!=", "<>", "<", "<=", ">", ">=", "!", "-", ".", "'x'", "'0a6Ws000001AbCd'", "'%a_'", "5", "-1.5", "0",
        "50001", "true", "false", "null", "2026-11-21T10:00:00Z", "2026-11-21T10:00:00.000+0000", "2026-11-21", "2026-99-99", "'",
        "\\", "'\\'", "%", "_", "#", "\n", "é", "\0", "99999999999999999999999999999999", "1e5", "..", "'unterminated",
    ];

    [Fact]
    public void Parse_ValidQuery_ExposesObjectFieldsAndLimit()
    {
        var query = "SELECT Id, Name FROM CartItem WHERE Quantity > 1 ORDER BY Name LIMIT 10";

        var parsed = SoqlParser.Parse(query);

        Assert.Equal(query, parsed.Text);
        Assert.Equal("CartItem", parsed.ObjectName);
        Assert.Equal(["Id", "Name"], parsed.FieldNames);
        Assert.Equal(10, parsed.Limit);
    }

    [Fact]
    public void Parse_ThenExecuteTwice_ReusesTheParsedQuery()
    {
        var parsed = SoqlParser.Parse("SELECT Name FROM CartItem WHERE Type = 'Charge'");

        var first = SoqlEngine.Execute(parsed, Lookup, RowsOf);
        var second = SoqlEngine.Execute(parsed, Lookup, RowsOf);

        Assert.Equal(["Shipping"], Names(first));
        Assert.Equal(Names(first), Names(second));
    }

    [Fact]
    public void Parse_WhitespaceAndNewlinesBetweenTokens_AreIgnored()
    {
        var query = "\n  SELECT\tName ,Type\r\nFROM CartItem WHERE(Quantity>=2)OR(Quantity<=-3)ORDER BY Name\n";

        var result = Run(query);

        Assert.Equal(["Red Shirt", "Return"], Names(result));
    }

    [Theory]
    [InlineData(@"O\'Brien", "O'Brien")]
    [InlineData(@"back\\slash", @"back\slash")]
    [InlineData(@"two\nlines", "two\nlines")]
    [InlineData(@"tab\there", "tab\there")]
    [InlineData(@"quote\""s", "quote\"s")]
    [InlineData("ünïcødé ✓", "ünïcødé ✓")]
    public void Execute_StringLiteralEscapes_AreUnescapedBeforeComparing(string literal, string stored)
    {
        var rows = new[] { new Dictionary<string, object?> { ["Name"] = stored }, new Dictionary<string, object?> { ["Name"] = "other" } };

        var result = SoqlEngine.Execute($"SELECT Name FROM CartItem WHERE Name = '{literal}'", Lookup, _ => rows);

        Assert.Equal([stored], Names(result));
    }

    [Fact]
    public void Execute_LongOrChain_EvaluatesWithoutDeepRecursion()
    {
        var terms = Enumerable.Range(0, 5_000).Select(i => $"Quantity = {i + 100}").Append("Name = 'Gift'");
        var query = "SELECT Name FROM CartItem WHERE " + string.Join(" OR ", terms);

        var result = Run(query);

        Assert.Equal(["Gift"], Names(result));
    }

    [Fact]
    public void Execute_NestingJustUnderLimit_IsAccepted()
    {
        var query = "SELECT Name FROM CartItem WHERE " + new string('(', SoqlParser.MaxNesting) + "Name = 'Gift'" + new string(')', SoqlParser.MaxNesting);

        var result = Run(query);

        Assert.Equal(["Gift"], Names(result));
    }

    [Fact]
    public void Execute_RandomCharacters_ThrowOnlySoqlException()
    {
        var random = new Random(20261121);
        var inputs = Enumerable.Range(0, 3_000).Select(_ =>
        {
            var length = random.Next(0, 60);
            var builder = new StringBuilder(length);
            for (var i = 0; i < length; i++)
            {
                builder.Append(random.Next(4) == 0 ? (char)random.Next(0, 0xFFFF) : (char)random.Next(32, 127));
            }

            return builder.ToString();
        });

        var failures = Unexpected(inputs.Select(input => random.Next(3) == 0 ? "SELECT Id FROM CartItem WHERE " + input : input));

        Assert.Empty(failures);
    }

    [Fact]
    public void Execute_RandomTokenSoup_ThrowsOnlySoqlException()
    {
        var random = new Random(42);
        var inputs = Enumerable.Range(0, 6_000).Select(_ =>
        {
            var prefix = random.Next(2) == 0 ? "SELECT Name FROM CartItem WHERE " : string.Empty;
            var tokens = Enumerable.Range(0, random.Next(1, 25)).Select(_ => TokenSoup[random.Next(TokenSoup.Length)]);
            return prefix + string.Join(random.Next(4) == 0 ? string.Empty : " ", tokens);
        });

        var failures = Unexpected(inputs);

        Assert.Empty(failures);
    }

    [Fact]
    public void Execute_MutatedValidQueries_ThrowOnlySoqlException()
    {
        string[] seeds =
        [
            $"SELECT Id, State, NextState, IsProcessing FROM CartCheckoutSession WHERE WebCartId = '{CartA15}' AND IsArchived = false",
            "SELECT Name FROM CartItem WHERE (Quantity >= 1.5 OR Sku LIKE 'SKU\\_%') AND NOT Type IN ('Charge', null) ORDER BY Quantity DESC NULLS LAST LIMIT 3",
            "SELECT Name FROM CartCheckoutSession WHERE CreatedDate > 2026-11-21T10:00:00.000+0000 AND LastModifiedDate != null ORDER BY Name",
        ];
        var random = new Random(7);
        var inputs = Enumerable.Range(0, 6_000).Select(_ =>
        {
            var builder = new StringBuilder(seeds[random.Next(seeds.Length)]);
            for (var edits = random.Next(1, 4); edits > 0 && builder.Length > 0; edits--)
            {
                var at = random.Next(builder.Length);
                switch (random.Next(3))
                {
                    case 0:
                        builder.Remove(at, Math.Min(builder.Length - at, random.Next(1, 6)));
                        break;
                    case 1:
                        builder.Insert(at, TokenSoup[random.Next(TokenSoup.Length)]);
                        break;
                    default:
                        builder[at] = (char)random.Next(32, 127);
                        break;
                }
            }

            return builder.ToString();
        });

        var failures = Unexpected(inputs);

        Assert.Empty(failures);
    }

    private static List<string> Unexpected(IEnumerable<string> inputs)
    {
        string[] codes = [SoqlException.MalformedQuery, SoqlException.InvalidField, SoqlException.InvalidType];
        var failures = new List<string>();
        foreach (var input in inputs)
        {
            var exception = Record.Exception(() => Run(input));
            if (exception is null)
            {
                continue;
            }

            if (exception is not SoqlException soql || !codes.Contains(soql.ErrorCode) || string.IsNullOrWhiteSpace(soql.Message))
            {
                failures.Add($"{input} => {exception.GetType().Name}: {exception.Message}");
            }
        }

        return failures;
    }
}
