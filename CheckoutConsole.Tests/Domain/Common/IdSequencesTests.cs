using System.Collections.Concurrent;
using CheckoutConsole.Domain.Common;
using Xunit;

namespace CheckoutConsole.Tests.Domain.Common;

public sealed class IdSequencesTests
{
    [Fact]
    public void Next_FreshSequences_NumbersEachPrefixFromOne()
    {
        var ids = new IdSequences();

        var cart1 = ids.Next("0a6");
        var session1 = ids.Next("2z9");
        var cart2 = ids.Next("0a6");

        Assert.Equal("0a6000000000001AAA", cart1);
        Assert.Equal("2z9000000000001AAA", session1);
        Assert.Equal("0a6000000000002AAA", cart2);
    }

    [Fact]
    public void Next_TenthId_UsesBase62DigitAndItsChecksum()
    {
        var ids = new IdSequences();

        var tenth = Enumerable.Range(0, 10).Select(_ => ids.Next("801")).ToList()[^1];

        // 'A' is an uppercase letter at position 5 of the third chunk: bit 4 = 16 → 'Q'.
        Assert.Equal("80100000000000AAAQ", tenth);
    }

    [Fact]
    public void Next_HundredThousandIds_AreUniqueValidAndParseBack()
    {
        var ids = new IdSequences();

        var all = Enumerable.Range(0, 100_000).Select(_ => ids.Next("0a6")).ToList();

        Assert.Equal(all.Count, all.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(all, id =>
        {
            Assert.True(SalesforceId.TryParse(id, "0a6", out var parsed, out var problem), problem);
            Assert.Equal(id, parsed.Value);
        });
    }

    [Fact]
    public void Next_FromEightThreads_AllUniqueAndGapless()
    {
        var ids = new IdSequences();
        var issued = new ConcurrentBag<string>();

        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                issued.Add(ids.Next("2z9"));
            }
        });

        Assert.Equal(80_000, issued.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal("2z9000000000KoLAAU", ids.Next("2z9"));
    }

    [Fact]
    public async Task RestartAfterAsync_AWorldWritten_NextFollowsItsIdsAndEveryOtherPrefixStartsAgain()
    {
        var ids = new IdSequences();
        ids.Next("0a6");
        ids.Next("001");
        ids.Next("001");
        var written = new IdSequences();
        written.Next("001");

        await ids.RestartAfterAsync(written);

        Assert.Equal("0a6000000000001AAA", ids.Next("0a6"));
        Assert.Equal("001000000000002AAA", ids.Next("001"));
    }

    [Fact]
    public async Task ContinueAfterAsync_LowerNumbers_NeverGoesBack()
    {
        var ids = new IdSequences();
        ids.ContinueAfter(["0a6000000000003AAA"]);
        var existing = new IdSequences();
        existing.ContinueAfter(["0a6000000000002AAA", "2z9000000000001AAA"]);

        await ids.ContinueAfterAsync(existing);

        Assert.Equal("0a6000000000004AAA", ids.Next("0a6"));
        Assert.Equal("2z9000000000002AAA", ids.Next("2z9"));
    }

    [Fact]
    public void ContinueAfter_ExistingIds_NextFollowsTheHighestOfEachPrefix()
    {
        var ids = new IdSequences();

        ids.ContinueAfter(["0a6000000000003AAA", "0a6000000000002AAA", "2z9000000000001AAA", "not an id"]);

        Assert.Equal("0a6000000000004AAA", ids.Next("0a6"));
        Assert.Equal("2z9000000000002AAA", ids.Next("2z9"));
        Assert.Equal("801000000000001AAA", ids.Next("801"));
    }

    [Fact]
    public void Next_InvalidPrefix_Throws()
    {
        var ids = new IdSequences();

        Action act = () => ids.Next("0a");

        Assert.Throws<ArgumentException>(act);
    }
}
