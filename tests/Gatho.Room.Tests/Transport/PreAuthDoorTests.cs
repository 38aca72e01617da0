using System.Security.Cryptography;
using System.Text;
using Gatho.Protocol.Framing;
using Gatho.Room.Runtime;
using Gatho.Room.Tests.Support;
using Gatho.Room.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Gatho.Room.Tests.Transport;

// Issue 17 defects 3 and 10: the pre-auth door. Unknown sessions and bad seats get no WebSocket; nothing is read from
// a socket before the room admits it; connections are bounded; refusals are logged at a bounded rate; a validly signed
// token with an absurd exp joins instead of failing with HTTP 500.
public class PreAuthDoorTests
{
    [Theory]
    [InlineData("/?gv=2&session=x")]
    [InlineData("/?gv=1&session=0123456789abcdef0123456789abcdef")]
    [InlineData("/?gv=2")]
    public async Task A_resume_with_a_session_the_room_never_issued_or_a_missing_seat_gets_401(string query)
    {
        var log = new EventLog();
        await using var host = await TestRooms.StartAsync(TestRooms.Managed(), new RoomCallbacks { OnAuth = (room, request) => { log.Add("auth"); return AuthResult.Ok(); } });
        var (status, _) = await RawHttp.UpgradeAsync(host.Port, query);
        Assert.Equal(401, status);
        Assert.Empty(log.Entries);
    }

    [Fact]
    public async Task Frames_sent_before_admission_are_read_only_after_it_and_none_is_lost()
    {
        var log = new EventLog();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await TestRooms.StartAsync(TestRooms.Managed(), new RoomCallbacks
        {
            OnAuthAsync = async (room, request) =>
            {
                log.Add("auth");
                await gate.Task;
                return AuthResult.Ok();
            },
            OnMessage = (room, client, message) => log.Add("message:" + message.Text),
        });
        await using var client = await WireClient.ConnectAsync(TestRooms.Connect(TestRooms.Seat(host, "alice")));
        await log.WaitAsync("auth");
        for (var i = 0; i < 20; i++)
        {
            await client.SendTextAsync("early " + i);
        }

        gate.SetResult();
        await client.SessionAsync();
        await client.SendTextAsync("after");
        await log.WaitAsync("message:after");
        Assert.Equal(0, await host.Room.Post(() => ((RoomRuntime)host.Room).FramesFromUnadmitted));
        Assert.Equal(21, log.Entries.Count(e => e.StartsWith("message:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Upgrades_over_the_connection_limits_get_503()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new EventLog();
        await using var host = await RoomHost.StartAsync(new RoomOptions
        {
            Standalone = true,
            Host = "127.0.0.1",
            StopOnProcessSignals = false,
            LoggerFactory = TestRooms.Logging,
            Environment = new Dictionary<string, string?>(),
            MaxConnections = 2,
            MaxUnadmittedConnections = 1,
        }, new RoomCallbacks
        {
            OnAuthAsync = async (room, request) =>
            {
                log.Add("auth");
                if (log.Count("auth") == 1)
                {
                    await gate.Task;
                }

                return AuthResult.Ok();
            },
        });

        // One connection waits in OnAuth: a second unadmitted one is refused.
        await using var waiting = await WireClient.ConnectAsync(host.Url + "?gv=2");
        await log.WaitAsync("auth");
        Assert.Equal(503, (await RawHttp.UpgradeAsync(host.Port, "/?gv=2")).Status);

        // Admitted, it frees its unadmitted place; a second client joins; a third is over MaxConnections.
        gate.SetResult();
        await waiting.SessionAsync();
        await using var second = await WireClient.ConnectAsync(host.Url + "?gv=2");
        await second.SessionAsync();
        Assert.Equal(503, (await RawHttp.UpgradeAsync(host.Port, "/?gv=2")).Status);
    }

    [Fact]
    public void Refusals_are_logged_at_most_once_per_interval_with_a_count()
    {
        var clock = new FakeTimeProvider();
        var lines = new ListLogger();
        var refusals = new RefusalLog(lines, clock, TimeSpan.FromSeconds(10), "room-1");
        for (var i = 0; i < 1000; i++)
        {
            refusals.Refused(401, "127.0.0.1", "missing token");
        }

        Assert.Single(lines.Information);
        Assert.Equal(999, refusals.Suppressed);
        clock.Advance(TimeSpan.FromSeconds(10));
        refusals.Refused(401, "127.0.0.1", "missing token");
        Assert.Equal(2, lines.Information.Count);
        Assert.Contains("999 more refused", lines.Information[1]);
    }

    [Theory]
    [InlineData("253402300790")]
    [InlineData("1e308")]
    [InlineData("MILLIS")]
    public async Task A_validly_signed_seat_with_a_far_future_exp_joins(string exp)
    {
        await using var host = await TestRooms.StartAsync(TestRooms.Managed(), new RoomCallbacks());
        var value = exp == "MILLIS" ? (DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeMilliseconds()).ToString(System.Globalization.CultureInfo.InvariantCulture) : exp;
        var token = HandMint($"{{\"roomId\":\"room-1\",\"clientId\":\"far\",\"jti\":\"{Guid.NewGuid():N}\",\"exp\":{value}}}", TestRooms.Secret);
        await using var client = await WireClient.ConnectAsync(TestRooms.Connect(Gatho.Protocol.Urls.SeatUrl.Create(host.Url, token)));
        Assert.Equal("far", (await client.SessionAsync()).ClientId);
    }

    [Fact]
    public void Forget_after_saturates_instead_of_overflowing()
    {
        Assert.Equal(DateTimeOffset.MaxValue, UpgradeHandler.ForgetAfter(DateTimeOffset.FromUnixTimeSeconds(253402300799), TimeSpan.FromSeconds(10)));
        var now = DateTimeOffset.UnixEpoch;
        Assert.Equal(now.AddSeconds(10), UpgradeHandler.ForgetAfter(now, TimeSpan.FromSeconds(10)));
    }

    private static string HandMint(string payloadJson, string secret)
    {
        static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var signingInput = B64(Encoding.UTF8.GetBytes("{\"alg\":\"HS256\",\"typ\":\"JWT\"}")) + "." + B64(Encoding.UTF8.GetBytes(payloadJson));
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(signingInput));
        return signingInput + "." + B64(mac);
    }

    private sealed class ListLogger : ILogger
    {
        public List<string> Information { get; } = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Information)
            {
                Information.Add(formatter(state, exception));
            }
        }
    }
}
