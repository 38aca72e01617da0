using Gatho.Protocol.SeatTokens;
using Gatho.Protocol.Urls;
using Gatho.Room;
using Microsoft.Extensions.Logging;

namespace Gatho.Client.Tests.Support;

/// <summary>
/// A real room (Gatho.Room on Kestrel, loopback) recording its callbacks: <c>join:id</c>, <c>msg:id:text</c>,
/// <c>drop:id:code</c>, <c>reconnect:id</c>, <c>leave:id</c>. By default it echoes every message back with the same
/// delivery and holds a dropped seat for 30 s.
/// </summary>
internal sealed class TestRoom : IAsyncDisposable
{
    public const string RoomId = "room-1";
    public const string Secret = "client-tests-secret-0123456789abcdef012345";

    private TestRoom(RoomHost host, EventLog log)
    {
        Host = host;
        Log = log;
    }

    public RoomHost Host { get; }

    public EventLog Log { get; }

    public IRoom Room => Host.Room;

    public static ILoggerFactory Logging { get; } = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Warning));

    /// <summary>Starts a managed room (seat tokens required) with the given behaviour hooks.</summary>
    public static async Task<TestRoom> StartAsync(
        Func<AuthRequest, AuthResult>? auth = null,
        Action<IRoom, IRoomClient, RoomMessage>? onMessage = null,
        Action<IRoom, IRoomClient, int>? onDrop = null,
        Action<IRoom, IRoomClient>? onJoin = null,
        Func<AuthRequest, Task<AuthResult>>? authAsync = null,
        bool logMessages = true,
        int maxBufferBytes = 1024 * 1024,
        int maxConnections = 1024)
    {
        var log = new EventLog();
        var options = new RoomOptions
        {
            RoomId = RoomId,
            RoomType = "client-tests",
            ServerId = "server-1",
            RoomSecret = Secret,
            Host = "127.0.0.1",
            Port = 0,
            StopOnProcessSignals = false,
            MaxBufferBytes = maxBufferBytes,
            MaxConnections = maxConnections,
            LoggerFactory = Logging,
            Environment = new Dictionary<string, string?>(),
        };
        var callbacks = new RoomCallbacks
        {
            OnAuthAsync = async (room, request) =>
            {
                if (authAsync is not null)
                {
                    return await authAsync(request);
                }

                return auth?.Invoke(request) ?? AuthResult.Ok();
            },
            OnJoin = (room, client) =>
            {
                log.Add($"join:{client.Id}:v{client.ProtocolVersion}");
                onJoin?.Invoke(room, client);
            },
            OnMessage = (room, client, message) =>
            {
                if (logMessages)
                {
                    log.Add($"msg:{client.Id}:{message}{(message.IsReliable ? string.Empty : ":u")}");
                }

                if (onMessage is not null)
                {
                    onMessage(room, client, message);
                }
                else
                {
                    client.Send(message);
                }
            },
            OnDrop = (room, client, code) =>
            {
                log.Add($"drop:{client.Id}:{code}");
                if (onDrop is not null)
                {
                    onDrop(room, client, code);
                }
                else
                {
                    client.AllowReconnection(TimeSpan.FromSeconds(30));
                }
            },
            OnReconnect = (room, client) => log.Add($"reconnect:{client.Id}"),
            OnLeave = (room, client) => log.Add($"leave:{client.Id}"),
        };
        var host = await RoomHost.StartAsync(options, callbacks);
        return new TestRoom(host, log);
    }

    /// <summary>A fresh single-use seat URL for <paramref name="clientId"/>.</summary>
    public string Seat(string clientId, string? viaUrl = null)
    {
        var claims = new SeatClaims(RoomId, clientId, DateTimeOffset.UtcNow.AddMinutes(5), Guid.NewGuid().ToString("N"));
        return SeatUrl.Create(viaUrl ?? Host.Url, SeatTokenIssuer.Mint(claims, Secret));
    }

    /// <summary>Runs <paramref name="action"/> on the room thread with the client <paramref name="clientId"/>.</summary>
    public Task WithClientAsync(string clientId, Action<IRoomClient> action) => Room.Post(() =>
    {
        var client = Room.Clients.FirstOrDefault(c => c.Id == clientId) ?? throw new InvalidOperationException($"no client {clientId} in the room");
        action(client);
        return Task.CompletedTask;
    });

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}
