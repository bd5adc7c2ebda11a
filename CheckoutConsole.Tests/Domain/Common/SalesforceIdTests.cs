using CheckoutConsole.Domain.Common;
using Xunit;

namespace CheckoutConsole.Tests.Domain.Common;

public sealed class SalesforceIdTests
{
    [Theory]
    [InlineData("001M000000qfPyS", "001M000000qfPySIAU")]
    [InlineData("a0RE000000IJmcN", "a0RE000000IJmcNMAT")]
    public void Checksum_KnownVectors_MatchesSalesforce(string id15, string id18)
    {
        var checksum = SalesforceId.Checksum(id15);

        Assert.Equal(id18[15..], checksum);
    }

    [Theory]
    [InlineData("001M000000qfPyS", "001", "001M000000qfPySIAU")]
    [InlineData("a0RE000000IJmcN", "a0R", "a0RE000000IJmcNMAT")]
    public void TryParse_FifteenCharacterId_ReturnsCanonicalEighteenCharacterForm(string input, string prefix, string expected)
    {
        var ok = SalesforceId.TryParse(input, prefix, out var id, out var problem);

        Assert.True(ok, problem);
        Assert.Equal(expected, id.Value);
        Assert.Equal(expected, id.ToString());
        Assert.Equal(prefix, id.KeyPrefix);
        Assert.Equal(input, id.Id15);
        Assert.Equal(string.Empty, problem);
    }

    [Fact]
    public void TryParse_FifteenThenEighteen_RoundTripsToEqualIds()
    {
        SalesforceId.TryParse("001M000000qfPyS", "001", out var fromShort, out _);

        var ok = SalesforceId.TryParse(fromShort.Value, "001", out var fromLong, out var problem);

        Assert.True(ok, problem);
        Assert.Equal(fromShort, fromLong);
        Assert.Equal("001M000000qfPyS", fromLong.Id15);
    }

    [Fact]
    public void TryParse_ChecksumInLowerCase_AcceptedAndCanonicalisedToUpperCase()
    {
        var ok = SalesforceId.TryParse("001M000000qfPySiau", "001", out var id, out var problem);

        Assert.True(ok, problem);
        Assert.Equal("001M000000qfPySIAU", id.Value);
    }

    [Fact]
    public void TryParse_BodyInDifferentCase_IsADifferentIdAndFailsTheChecksum()
    {
        var ok = SalesforceId.TryParse("001m000000QFpYsIAU", "001", out _, out var problem);

        Assert.False(ok);
        Assert.Equal("checksum 'IAU' does not match the id; expected 'AAL'", problem);
    }

    [Fact]
    public void TryParse_WrongKeyPrefix_ReportsExpectedAndFoundPrefix()
    {
        var ok = SalesforceId.TryParse("001M000000qfPySIAU", "0a6", out var id, out var problem);

        Assert.False(ok);
        Assert.Equal(default, id);
        Assert.Equal("expected key prefix 0a6 (WebCart), found 001", problem);
    }

    [Fact]
    public void TryParse_UnknownExpectedPrefix_ReportsPrefixWithoutObjectName()
    {
        var ok = SalesforceId.TryParse("001M000000qfPySIAU", "a0R", out _, out var problem);

        Assert.False(ok);
        Assert.Equal("expected key prefix a0R, found 001", problem);
    }

    [Fact]
    public void TryParse_BadChecksum_ReportsGivenAndExpectedChecksum()
    {
        var ok = SalesforceId.TryParse("001M000000qfPySXYZ", "001", out _, out var problem);

        Assert.False(ok);
        Assert.Equal("checksum 'XYZ' does not match the id; expected 'IAU'", problem);
    }

    [Theory]
    [InlineData("001M00-000qfPyS", "character '-' at position 7 is not base-62")]
    [InlineData("001M000000qfPySIA!", "character '!' at position 18 is not base-62")]
    [InlineData("001M000000qf yS", "character U+0020 at position 13 is not base-62")]
    [InlineData("001M000000qfPéS", "character 'é' at position 14 is not base-62")]
    public void TryParse_NonBase62Character_ReportsCharacterAndPosition(string input, string expected)
    {
        var ok = SalesforceId.TryParse(input, "001", out _, out var problem);

        Assert.False(ok);
        Assert.Equal(expected, problem);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public void TryParse_NullEmptyOrWhitespace_ReportsNoIdGiven(string? input)
    {
        var ok = SalesforceId.TryParse(input, "0a6", out _, out var problem);

        Assert.False(ok);
        Assert.Equal("no id was given", problem);
    }

    [Fact]
    public void TryParse_WrongLength_ReportsLengthAndEchoesInput()
    {
        var ok = SalesforceId.TryParse("0a6abc", "0a6", out _, out var problem);

        Assert.False(ok);
        Assert.Equal("expected an id of 15 or 18 characters, found 6 characters ('0a6abc')", problem);
    }

    [Fact]
    public void TryParse_OverLongInput_TruncatesTheEcho()
    {
        var input = "0a6" + new string('x', 9_997);

        var ok = SalesforceId.TryParse(input, "0a6", out _, out var problem);

        Assert.False(ok);
        Assert.Equal("expected an id of 15 or 18 characters, found 10000 characters ('0a6xxxxxxxxxxxxxxxxx…')", problem);
        Assert.True(problem.Length < 120);
    }

    [Fact]
    public void TryParse_AnyPrefixOverload_AcceptsAnyValidId()
    {
        var ok = SalesforceId.TryParse("a0RE000000IJmcN", out var id, out var problem);

        Assert.True(ok, problem);
        Assert.Equal("a0RE000000IJmcNMAT", id.Value);
    }

    [Fact]
    public void TryParse_MalformedExpectedPrefix_Throws()
    {
        Action act = () => SalesforceId.TryParse("001M000000qfPyS", "01", out _, out _);

        Assert.Throws<ArgumentException>(act);
    }

    [Fact]
    public void Parse_InvalidInput_ThrowsFormatExceptionWithProblem()
    {
        Action act = () => SalesforceId.Parse("bogus", "0a6");

        var exception = Assert.Throws<FormatException>(act);
        Assert.Equal("expected an id of 15 or 18 characters, found 5 characters ('bogus')", exception.Message);
    }

    [Fact]
    public void Default_ToString_IsEmptyNotNull()
    {
        var id = default(SalesforceId);

        var text = id.ToString();

        Assert.Equal(string.Empty, text);
        Assert.Equal(string.Empty, id.KeyPrefix);
    }
}
