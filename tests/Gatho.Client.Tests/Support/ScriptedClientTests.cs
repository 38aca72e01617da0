using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Gatho.Client.Tests.Support;

/// <summary>
/// The fixture of the deterministic client tests: a scripted transport, a fake clock, jitter fixed at 0 and the resume
/// delays the client schedules, so a test drives every socket and every timer itself. A new instance per test (xunit).
/// </summary>
public abstract class ScriptedClientTests
{
    private readonly Channel<(int Attempt, TimeSpan Delay)> scheduled = Channel.CreateUnbounded<(int, TimeSpan)>();

    /// <summary>The clock every client of the test runs on.</summary>
    private protected FakeTimeProvider Time { get; } = new();

    /// <summary>The sockets the clients create, handed to the test to drive.</summary>
    private protected FakeTransport Transport { get; } = new();

    /// <summary>A client on <see cref="Transport"/> and <see cref="Time"/>, from a seat URL.</summary>
    private protected (GathoClient Client, ClientProbe Probe) Create(
        int version = 2,
        ReconnectionPolicy? reconnection = null,
        long maxBufferedBytes = 1024 * 1024,
        AckPolicy? acks = null,
        int maxSendMessageBytes = 1024 * 1024)
    {
        var client = new GathoClient("ws://room.test/?token=seat", Options(version, reconnection, maxBufferedBytes, acks, maxSendMessageBytes));
        return Watch(client);
    }

    /// <summary>Options with the fixture's transport, clock and jitter.</summary>
    private protected GathoClientOptions Options(
        int version = 2,
        ReconnectionPolicy? reconnection = null,
        long maxBufferedBytes = 1024 * 1024,
        AckPolicy? acks = null,
        int maxSendMessageBytes = 1024 * 1024) => new()
    {
        ProtocolVersion = version,
        Reconnection = reconnection ?? ReconnectionPolicy.Default,
        MaxBufferedBytes = maxBufferedBytes,
        MaxSendMessageBytes = maxSendMessageBytes,
        Acks = acks ?? AckPolicy.Default,
        Transport = Transport,
        TimeProvider = Time,
        JitterSource = () => 0.0,
    };

    /// <summary>Records the client's events and the resume delays it schedules.</summary>
    private protected (GathoClient Client, ClientProbe Probe) Watch(GathoClient client)
    {
        client.ReconnectScheduled += (attempt, delay) => scheduled.Writer.TryWrite((attempt, delay));
        return (client, new ClientProbe(client));
    }

    /// <summary>Connects <paramref name="client"/>; the room accepts and issues session <c>c1</c>/<c>tok1</c>.</summary>
    private protected async Task<FakeSocket> OpenAsync(GathoClient client, ClientProbe probe)
    {
        client.Connect();
        var socket = await Transport.NextAsync();
        socket.Accept();
        socket.Session("c1", "tok1");
        await probe.OpenAsync();
        return socket;
    }

    /// <summary>The next resume delay the client scheduled (attempt number from 1).</summary>
    private protected async Task<(int Attempt, TimeSpan Delay)> NextScheduledAsync() =>
        await scheduled.Reader.ReadAsync().AsTask().WaitAsync(EventLog.Patience);
}
