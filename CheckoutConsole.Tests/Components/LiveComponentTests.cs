using Bunit;
using CheckoutConsole.Components.Shared;
using CheckoutConsole.Domain.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace CheckoutConsole.Tests.Components;

/// <summary>
/// The one live base every live page, panel and layout part inherits: which changes re-read, how a
/// burst collapses, and that a disposed component stops listening. Ordering is made deterministic by
/// holding the renderer's dispatcher busy while changes arrive, not by waiting for time to pass.
/// </summary>
public sealed class LiveComponentTests : ComponentTestBase
{
    private readonly CheckoutChangeFeed _feed = new();

    public LiveComponentTests() => Services.AddSingleton(_feed);

    private static CheckoutChange Change(string? cartId, ChangeKinds kinds) => new(cartId, null, kinds, DateTime.UtcNow);

    [Fact]
    public async Task Change_ToTheCartItShows_ReadsAgainOnce()
    {
        var cut = Render<CartWatcher>(p => p.Add(x => x.CartId, "0a6A"));
        Assert.Equal(1, cut.Instance.Loads);

        _feed.Publish(Change("0a6A", ChangeKinds.Cart));

        cut.WaitForAssertion(() => Assert.Equal(2, cut.Instance.Loads));
        await cut.InvokeAsync(() => { });
        Assert.Equal(2, cut.Instance.Loads);
    }

    [Fact]
    public async Task Change_ToAnotherCart_DoesNotReadAgain()
    {
        var cut = Render<CartWatcher>(p => p.Add(x => x.CartId, "0a6A"));

        _feed.Publish(Change("0a6B", ChangeKinds.Cart));
        // Any re-read the change queued runs before this (the dispatcher is first in, first out).
        await cut.InvokeAsync(() => { });

        Assert.Equal(1, cut.Instance.Loads);
    }

    [Theory]
    [InlineData("world")]
    [InlineData("resync")]
    public void ResetOrResync_OfAnotherCart_ReadsAgainWhateverTheComponentShows(string kind)
    {
        var cut = Render<CartWatcher>(p => p.Add(x => x.CartId, "0a6A"));

        _feed.Publish(kind == "world" ? Change(null, ChangeKinds.World) : CheckoutChange.Resync(DateTime.UtcNow));

        cut.WaitForAssertion(() => Assert.Equal(2, cut.Instance.Loads));
    }

    [Fact]
    public async Task BurstOfFiftyChanges_WhileTheCircuitIsBusy_CostsOneRead()
    {
        var cut = Render<CartWatcher>(p => p.Add(x => x.CartId, "0a6A"));
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        // Another thread occupies the component's dispatcher, as a render in progress would.
        var busy = Task.Run(() => cut.InvokeAsync(() =>
        {
            entered.Set();
            release.Wait();
        }));
        Assert.True(entered.Wait(TimeSpan.FromSeconds(30)), "The dispatcher never ran the blocking work item.");

        for (var i = 0; i < 50; i++)
        {
            _feed.Publish(Change("0a6A", ChangeKinds.Cart | ChangeKinds.Session));
        }

        release.Set();
        await busy;
        cut.WaitForAssertion(() => Assert.Equal(2, cut.Instance.Loads));
        await cut.InvokeAsync(() => { });
        Assert.Equal(2, cut.Instance.Loads);
    }

    [Fact]
    public void ChangeDuringARead_QueuesOneMoreRead()
    {
        var cut = Render<CartWatcher>(p => p.Add(x => x.CartId, "0a6A"));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cut.Instance.Gate = gate.Task;

        _feed.Publish(Change("0a6A", ChangeKinds.Cart));
        cut.WaitForAssertion(() => Assert.Equal(2, cut.Instance.Loads));
        // The second read is now waiting; the change below was saved after it began.
        _feed.Publish(Change("0a6A", ChangeKinds.Session));

        cut.WaitForAssertion(() => Assert.Equal(3, cut.Instance.Loads));
        gate.SetResult();
    }

    [Fact]
    public void RefreshInterval_WithoutChanges_ReadsAgainOnItsOwn()
    {
        var cut = Render<TickingWatcher>();

        cut.WaitForAssertion(() => Assert.True(cut.Instance.Loads >= 3, $"Expected at least 3 reads, found {cut.Instance.Loads}."), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Dispose_StopsListeningAndReading()
    {
        var before = _feed.SubscriberCount;
        var cut = Render<CartWatcher>(p => p.Add(x => x.CartId, "0a6A"));
        Assert.Equal(before + 1, _feed.SubscriberCount);
        var watcher = cut.Instance;

        await DisposeComponentsAsync();
        _feed.Publish(Change("0a6A", ChangeKinds.Cart));
        await Task.Yield();

        Assert.Equal(before, _feed.SubscriberCount);
        Assert.Equal(1, watcher.Loads);
    }

    /// <summary>Shows one cart; counts its reads. A read can be held open with <see cref="Gate"/>.</summary>
    public sealed class CartWatcher : LiveComponent
    {
        private int _loads;

        [Parameter] public string CartId { get; set; } = "";

        public int Loads => Volatile.Read(ref _loads);

        public Task Gate { get; set; } = Task.CompletedTask;

        protected override Task OnInitializedAsync() => LoadAsync();

        protected override bool Shows(CheckoutChange change) => change.CartId == CartId;

        protected override async Task LoadAsync()
        {
            var n = Interlocked.Increment(ref _loads);
            if (n == 2)
            {
                await Gate;
            }
        }
    }

    /// <summary>Shows nothing that changes; re-reads on a short timer, as the admin grids do every 5 s.</summary>
    public sealed class TickingWatcher : LiveComponent
    {
        private int _loads;

        public int Loads => Volatile.Read(ref _loads);

        protected override TimeSpan? RefreshInterval => TimeSpan.FromMilliseconds(20);

        protected override bool Shows(CheckoutChange change) => false;

        protected override Task LoadAsync()
        {
            Interlocked.Increment(ref _loads);
            return Task.CompletedTask;
        }
    }
}
