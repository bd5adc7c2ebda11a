using System.Threading.Channels;
using CheckoutConsole.Domain.Services;
using Microsoft.Extensions.Options;

namespace CheckoutConsole.Domain.Operations;

/// <summary>
/// The bounded queue between the actions and the worker. Operations are persisted as New before
/// they are queued, so a full queue slows submitters down and a restart loses nothing.
/// </summary>
public sealed class OperationQueue(IOptions<CheckoutOptions> options)
{
    private readonly Channel<string> _channel = Channel.CreateBounded<string>(new BoundedChannelOptions(Math.Max(1, options.Value.QueueCapacity))
    {
        FullMode = BoundedChannelFullMode.Wait,
    });

    public ChannelReader<string> Reader => _channel.Reader;

    public int Count => _channel.Reader.Count;

    public ValueTask EnqueueAsync(string operationId, CancellationToken ct = default) => _channel.Writer.WriteAsync(operationId, ct);
}
