using Microsoft.Playwright;

namespace CheckoutConsole.Tests.Browser;

/// <summary>
/// Sits on a page's Blazor circuit WebSocket and passes every frame through, unless a test asks it
/// to hold the server's frames (a page that hasn't heard about a change yet, as on a slow network)
/// or to drop the connection and keep the next one waiting (a circuit that went away and comes back).
/// Either way the test decides the order of events, so nothing depends on timing.
/// </summary>
public sealed class BuyerCircuitTap
{
    private readonly Lock _lock = new();
    private readonly List<(IWebSocketRoute To, IWebSocketFrame Frame)> _held = [];
    private readonly HashSet<IWebSocketRoute> _closed = [];
    private IWebSocketRoute? _page;
    private IWebSocketRoute? _server;
    private bool _holdToPage;
    private bool _offline;

    public static async Task<BuyerCircuitTap> AttachAsync(IPage page)
    {
        var tap = new BuyerCircuitTap();
        await page.RouteWebSocketAsync(url => url.Contains("/_blazor", StringComparison.Ordinal), tap.OnConnect);
        return tap;
    }

    /// <summary>From now on the page hears nothing from the server; what it sends still arrives.</summary>
    public void HoldServerFrames()
    {
        lock (_lock)
        {
            _holdToPage = true;
        }
    }

    /// <summary>Drops the circuit's connection; reconnection attempts open but get no answer until <see cref="Reconnect"/>.</summary>
    public async Task DisconnectAsync()
    {
        IWebSocketRoute? page;
        lock (_lock)
        {
            _offline = true;
            page = _page;
            if (_page is not null && _server is not null)
            {
                _closed.Add(_page);
                _closed.Add(_server);
            }
        }

        if (page is not null)
        {
            await page.CloseAsync(new WebSocketRouteCloseOptions { Code = 4000, Reason = "test: connection dropped" });
        }
    }

    /// <summary>Delivers everything held, in order, and passes frames through again.</summary>
    public void Release()
    {
        lock (_lock)
        {
            _holdToPage = false;
            _offline = false;
            foreach (var (to, frame) in _held.Where(h => !_closed.Contains(h.To)))
            {
                Send(to, frame);
            }

            _held.Clear();
        }
    }

    public void Reconnect() => Release();

    private void OnConnect(IWebSocketRoute page)
    {
        var server = page.ConnectToServer();
        lock (_lock)
        {
            _page = page;
            _server = server;
        }

        page.OnMessage(frame => Forward(server, frame, toPage: false));
        server.OnMessage(frame => Forward(page, frame, toPage: true));
    }

    private void Forward(IWebSocketRoute to, IWebSocketFrame frame, bool toPage)
    {
        lock (_lock)
        {
            if (_closed.Contains(to))
            {
                return;
            }

            if (_offline || (toPage && _holdToPage))
            {
                _held.Add((to, frame));
                return;
            }

            Send(to, frame);
        }
    }

    private static void Send(IWebSocketRoute to, IWebSocketFrame frame)
    {
        if (frame.Binary is not null)
        {
            to.Send(frame.Binary);
        }
        else
        {
            to.Send(frame.Text ?? "");
        }
    }
}
