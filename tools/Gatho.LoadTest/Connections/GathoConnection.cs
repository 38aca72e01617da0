using Gatho.Client;

namespace Gatho.LoadTest.Connections;

/// <summary>A load client that is a <see cref="GathoClient"/> (v2 by default: acks, lossless resume).</summary>
internal sealed class GathoConnection : ILoadConnection
{
    private readonly CuttableTransport transport = new();
    private readonly GathoClient client;
    private long reconnects;

    public GathoConnection(int index, string seatUrl, int protocolVersion)
    {
        Index = index;
        client = new GathoClient(seatUrl, new GathoClientOptions
        {
            ProtocolVersion = protocolVersion,
            Transport = transport,
            // A cut should resume at once (the room holds the seat); the default first delay is 1 s, as gatho's.
            Reconnection = new ReconnectionPolicy { InitialDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromSeconds(1), MaxAttempts = 30, MinUptime = TimeSpan.Zero },
            // A fan-out client may have many of its own messages unacknowledged while the room is busy.
            MaxBufferedBytes = 64L * 1024 * 1024,
        });
        client.MessageReceived += message =>
        {
            if (!message.IsText)
            {
                OnDelivery?.Invoke(message.Data.Span);
            }
        };
        client.Reconnected += () => Interlocked.Increment(ref reconnects);
    }

    public int Index { get; }

    public DeliveryHandler? OnDelivery { get; set; }

    public long Reconnects => Interlocked.Read(ref reconnects);

    public bool IsConnected => client.State == ClientState.Open;

    public bool CanCut => true;

    /// <summary>The client itself, for user scenarios.</summary>
    public GathoClient Client => client;

    public Task ConnectAsync(CancellationToken cancellationToken) => client.ConnectAsync(cancellationToken);

    public ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        if (!client.Send(message.Span))
        {
            throw new InvalidOperationException($"client {Index} could not send: it is {client.State}");
        }

        return ValueTask.CompletedTask;
    }

    public void Cut() => transport.Cut();

    public async Task CloseAsync(CancellationToken cancellationToken) => await client.CloseAsync(cancellationToken).ConfigureAwait(false);

    public ValueTask DisposeAsync() => client.DisposeAsync();
}
