using CheckoutConsole.Api.Soql;
using Xunit;
using static CheckoutConsole.Tests.Api.Soql.SoqlTestData;

namespace CheckoutConsole.Tests.Api.Soql;

public sealed class SoqlErrorTests
{
    [Theory]
    [InlineData("SELECT Id FORM CartCheckoutSession", "MALFORMED_QUERY", "unexpected token: 'FORM' at column 11; expected FROM")]
    [InlineData("SELECT FROM CartItem", "MALFORMED_QUERY", "unexpected token: 'FROM' at column 8; expected a field name")]
    [InlineData("SELECT FOO() FROM CartItem", "MALFORMED_QUERY", "unknown function 'FOO' at column 8; the aggregate functions are COUNT, COUNT_DISTINCT, SUM, AVG, MIN and MAX")]
    [InlineData("SELECT Id, Foo FROM CartCheckoutSession", "INVALID_FIELD", "No such column 'Foo' on entity 'CartCheckoutSession' at column 12")]
    [InlineData("SELECT Id FROM CartItem WHERE Nope = 1", "INVALID_FIELD", "No such column 'Nope' on entity 'CartItem' at column 31")]
    [InlineData("SELECT Id FROM CartItem ORDER BY Price", "INVALID_FIELD", "No such column 'Price' on entity 'CartItem' at column 34")]
    [InlineData("SELECT Id, Account.Name FROM CartItem", "INVALID_FIELD", "Didn't understand relationship 'Account' in field path 'Account.Name' on entity 'CartItem' at column 12")]
    [InlineData("SELECT Id FROM Foo", "INVALID_TYPE", "sObject type 'Foo' is not supported at column 16")]
    [InlineData("SELECT Id FROM CartCheckoutSession WHERE IsArchived = 'x'", "MALFORMED_QUERY", "invalid value 'x' for Boolean field 'IsArchived' at column 55; expected true or false without quotes")]
    [InlineData("SELECT Name FROM CartItem WHERE Quantity = 'abc'", "MALFORMED_QUERY", "invalid value 'abc' for Number field 'Quantity' at column 44; expected a number without quotes")]
    [InlineData("SELECT Name FROM CartItem WHERE Name = 5", "MALFORMED_QUERY", "invalid value 5 for String field 'Name' at column 40; expected a string in quotes")]
    [InlineData("SELECT Id FROM CartCheckoutSession WHERE CreatedDate > '2026-11-21'", "MALFORMED_QUERY", "invalid value '2026-11-21' for DateTime field 'CreatedDate' at column 56; expected a date-time such as 2026-11-21T10:00:00Z without quotes")]
    [InlineData("SELECT Id FROM CartCheckoutSession WHERE WebCartId = true", "MALFORMED_QUERY", "invalid value true for Id field 'WebCartId' at column 54; expected an id of 15 or 18 characters in quotes")]
    [InlineData("SELECT Id FROM CartCheckoutSession WHERE WebCartId = '0a6abc'", "MALFORMED_QUERY", "invalid ID field: '0a6abc' at column 54; expected an id of 15 or 18 characters, found 6 characters ('0a6abc')")]
    [InlineData("SELECT Id FROM CartCheckoutSession WHERE WebCartId IN ('0a6Ws000001AbCdXXX')", "MALFORMED_QUERY", "invalid ID field: '0a6Ws000001AbCdXXX' at column 56; checksum 'XXX' does not match the id; expected 'IAK'")]
    [InlineData("SELECT Id FROM CartCheckoutSession WHERE IsArchived < true", "MALFORMED_QUERY", "operator '<' is not valid for Boolean field 'IsArchived' at column 42; use = or !=")]
    [InlineData("SELECT Id FROM CartCheckoutSession WHERE IsArchived NOT IN (true)", "MALFORMED_QUERY", "NOT IN is not valid for Boolean field 'IsArchived' at column 42; use = or !=")]
    [InlineData("SELECT Name FROM CartItem WHERE Quantity LIKE '1%'", "MALFORMED_QUERY", "LIKE is not valid for Number field 'Quantity' at column 33; LIKE applies to String fields")]
    [InlineData("SELECT Name FROM CartItem WHERE Name LIKE 5", "MALFORMED_QUERY", "unexpected token: '5' at column 43; expected a quoted LIKE pattern")]
    [InlineData("SELECT Id, id FROM CartItem", "MALFORMED_QUERY", "duplicate field selected: Id at column 12")]
    [InlineData("SELECT Id FROM CartCheckoutSession LIMIT 5 foo", "MALFORMED_QUERY", "unexpected token: 'foo' at column 44; expected end of query")]
    [InlineData("SELECT Id FROM CartCheckoutSession LIMIT 50001", "MALFORMED_QUERY", "invalid LIMIT '50001' at column 42; expected a whole number from 0 to 50000")]
    [InlineData("SELECT Id FROM CartCheckoutSession LIMIT -1", "MALFORMED_QUERY", "invalid LIMIT '-1' at column 42; expected a whole number from 0 to 50000")]
    [InlineData("SELECT Id FROM CartCheckoutSession LIMIT 1.5", "MALFORMED_QUERY", "invalid LIMIT '1.5' at column 42; expected a whole number from 0 to 50000")]
    [InlineData("SELECT Id FROM CartCheckoutSession LIMIT ten", "MALFORMED_QUERY", "unexpected token: 'ten' at column 42; expected a whole number from 0 to 50000")]
    [InlineData("SELECT Id FROM CartItem WHERE Name = 'abc", "MALFORMED_QUERY", "unterminated string literal starting at column 38")]
    [InlineData("SELECT Id FROM CartItem WHERE Name = 'a\\qb'", "MALFORMED_QUERY", "invalid escape sequence '\\q' in string literal at column 40")]
    [InlineData("SELECT Id FROM CartItem WHERE", "MALFORMED_QUERY", "unexpected end of query at column 30; expected a field name, NOT or '('")]
    [InlineData("SELECT Id FROM CartItem WHERE Name = 'a' AND", "MALFORMED_QUERY", "unexpected end of query at column 45; expected a field name, NOT or '('")]
    [InlineData("SELECT Id FROM CartItem WHERE (Name = 'a'", "MALFORMED_QUERY", "unexpected end of query at column 42; expected ')'")]
    [InlineData("SELECT Id FROM CartItem WHERE Name IN ()", "MALFORMED_QUERY", "unexpected token: ')' at column 40; expected a value (a quoted string, number, true, false, null or date-time)")]
    [InlineData("SELECT Id FROM CartItem WHERE Name IN ('a' 'b')", "MALFORMED_QUERY", "unexpected token: ''b'' at column 44; expected ',' or ')'")]
    [InlineData("SELECT Id FROM CartItem WHERE Name NOT LIKE 'a'", "MALFORMED_QUERY", "unexpected token: 'LIKE' at column 40; expected IN")]
    [InlineData("SELECT Id FROM CartItem WHERE Name == 'a'", "MALFORMED_QUERY", "unexpected token: '=' at column 37; expected a value (a quoted string, number, true, false, null or date-time)")]
    [InlineData("SELECT Id FROM CartItem WHERE Name 'a'", "MALFORMED_QUERY", "unexpected token: ''a'' at column 36; expected a comparison operator, IN, NOT IN or LIKE")]
    [InlineData("SELECT Id FROM CartItem WHERE Name = 'x' # 1", "MALFORMED_QUERY", "unexpected token: '#' at column 42")]
    [InlineData("SELECT Id FROM CartItem ORDER BY Name NULLS", "MALFORMED_QUERY", "unexpected end of query at column 44; expected FIRST or LAST")]
    [InlineData("SELECT Id FROM CartItem ORDER Name", "MALFORMED_QUERY", "unexpected token: 'Name' at column 31; expected BY")]
    [InlineData("SELECT Id FROM CartCheckoutSession WHERE CreatedDate > 2026-11-21T10:00:00", "MALFORMED_QUERY", "date-time literal '2026-11-21T10:00:00' has no time zone at column 56; add Z, +hh:mm or +hhmm")]
    [InlineData("SELECT Id FROM CartCheckoutSession WHERE CreatedDate > 2026-13-01", "MALFORMED_QUERY", "date or date-time literal '2026-13-01' is not a valid point in time at column 56")]
    [InlineData("SELECT Id FROM CartCheckoutSession WHERE CreatedDate > 2026-11-21T25:00:00Z", "MALFORMED_QUERY", "date or date-time literal '2026-11-21T25:00:00Z' is not a valid point in time at column 56")]
    [InlineData("SELECT Id FROM CartCheckoutSession WHERE CreatedDate > 2026-1-2", "MALFORMED_QUERY", "invalid date or date-time literal '2026-1-2' at column 56; use 2026-11-21 or 2026-11-21T10:00:00Z")]
    [InlineData("SELECT Name FROM CartItem WHERE Quantity > 99999999999999999999999999999999", "MALFORMED_QUERY", "number '99999999999999999999999999999999' is out of range at column 44")]
    [InlineData("SELECT Id FROM CartItem WHERE SELECT = 1", "MALFORMED_QUERY", "unexpected token: 'SELECT' at column 31; expected a field name, NOT or '('")]
    public void Execute_InvalidQuery_ThrowsSoqlExceptionWithCodeAndLocatedMessage(string query, string errorCode, string message)
    {
        var exception = Record.Exception(() => Run(query));

        var soql = Assert.IsType<SoqlException>(exception);
        Assert.Equal(errorCode, soql.ErrorCode);
        Assert.Equal(message, soql.Message);
    }

    [Fact]
    public void Execute_UnknownField_ReportsPositionOfTheField()
    {
        var query = "SELECT Id, Foo FROM CartCheckoutSession";

        var exception = Assert.Throws<SoqlException>(() => Run(query));

        Assert.Equal(SoqlException.InvalidField, exception.ErrorCode);
        Assert.Equal(query.IndexOf("Foo", StringComparison.Ordinal) + 1, exception.Position);
    }

    [Fact]
    public void Execute_MultiLineQuery_ReportsRowAndColumn()
    {
        var query = "SELECT Id\nFROM CartItem\nWHERE Nope = 1";

        var exception = Assert.Throws<SoqlException>(() => Run(query));

        Assert.Equal("No such column 'Nope' on entity 'CartItem' at row 3, column 7", exception.Message);
        Assert.Equal(31, exception.Position);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\r\n\t")]
    public void Parse_EmptyOrWhitespace_ThrowsMalformedQuery(string? query)
    {
        var exception = Record.Exception(() => SoqlParser.Parse(query));

        var soql = Assert.IsType<SoqlException>(exception);
        Assert.Equal(SoqlException.MalformedQuery, soql.ErrorCode);
        Assert.Equal("the query is empty", soql.Message);
    }

    [Fact]
    public void Parse_LongerThanMaximum_ThrowsMalformedQueryWithoutEchoingTheQuery()
    {
        var query = "SELECT Id FROM CartItem WHERE Name = '" + new string('x', 100_000) + "'";

        var exception = Assert.Throws<SoqlException>(() => SoqlParser.Parse(query));

        Assert.Equal(SoqlException.MalformedQuery, exception.ErrorCode);
        Assert.Equal("the query is 100039 characters long; the maximum is 100000", exception.Message);
    }

    [Fact]
    public void Parse_ExactlyMaximumLength_IsAccepted()
    {
        var query = "SELECT Id FROM CartItem".PadRight(SoqlParser.MaxQueryLength);

        var parsed = SoqlParser.Parse(query);

        Assert.Equal("CartItem", parsed.ObjectName);
    }

    [Fact]
    public void Parse_OverLongToken_IsTruncatedInTheMessage()
    {
        var query = "SELECT Id FROM CartItem LIMIT 5 " + new string('z', 5_000);

        var exception = Assert.Throws<SoqlException>(() => SoqlParser.Parse(query));

        Assert.StartsWith("unexpected token: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz…' at column 33", exception.Message);
        Assert.True(exception.Message.Length < 200);
    }

    [Fact]
    public void Parse_NestingDeeperThanLimit_ThrowsMalformedQueryInsteadOfOverflowing()
    {
        var query = "SELECT Id FROM CartItem WHERE " + new string('(', 20_000) + "Name = 'a'" + new string(')', 20_000);

        var exception = Assert.Throws<SoqlException>(() => SoqlParser.Parse(query));

        Assert.Equal(SoqlException.MalformedQuery, exception.ErrorCode);
        Assert.StartsWith("conditions are nested more than 100 levels deep at column 132", exception.Message);
    }

    [Fact]
    public void Parse_DeepNotChain_ThrowsMalformedQueryInsteadOfOverflowing()
    {
        var query = "SELECT Id FROM CartItem WHERE " + string.Concat(Enumerable.Repeat("NOT ", 20_000)) + "Name = 'a'";

        var exception = Assert.Throws<SoqlException>(() => SoqlParser.Parse(query));

        Assert.Equal(SoqlException.MalformedQuery, exception.ErrorCode);
    }
}
