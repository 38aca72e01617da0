using System.Globalization;
using Gatho;
using Gatho.Room;

namespace Gatho.Browser.Rooms;

/// <summary>
/// Echoes every message with the delivery it came with, and counts numbered text messages <c>c:&lt;n&gt;</c> per
/// client (answered <c>e:&lt;n&gt;</c>) so a test can prove nothing was lost or doubled client → room; <c>report</c> answers
/// <c>report:{"received":…,"duplicates":…,"gaps":…}</c>. Seats whose client id starts with <c>refuse</c> are refused by
/// <c>OnAuth</c>. Callbacks are written to stdout as <c>event …</c> lines.
/// </summary>
internal static class CountingEchoRoom
{
    private sealed class Counts
    {
        public long Last;
        public long Received;
        public long Duplicates;
        public long Gaps;
    }

    public static RoomCallbacks Create(Action<string> report)
    {
        var counts = new Dictionary<string, Counts>(StringComparer.Ordinal);
        return new RoomCallbacks
        {
            OnAuth = (room, request) => request.ClientId.StartsWith("refuse", StringComparison.Ordinal)
                ? AuthResult.Fail("refused by the test room")
                : AuthResult.Ok(),
            OnJoin = (room, client) =>
            {
                counts[client.Id] = new Counts();
                report($"join:{client.Id}:v{client.ProtocolVersion}");
            },
            OnMessage = (room, client, message) =>
            {
                if (message.IsText && message.Text is { } text)
                {
                    if (text.StartsWith("c:", StringComparison.Ordinal))
                    {
                        var n = long.Parse(text.AsSpan(2), CultureInfo.InvariantCulture);
                        var c = counts[client.Id];
                        c.Received++;
                        if (n <= c.Last)
                        {
                            c.Duplicates++;
                        }
                        else
                        {
                            c.Gaps += n - c.Last - 1;
                            c.Last = n;
                        }

                        client.Send(string.Create(CultureInfo.InvariantCulture, $"e:{n}"));
                        return;
                    }

                    if (text == "report")
                    {
                        var c = counts[client.Id];
                        client.Send(string.Create(CultureInfo.InvariantCulture, $"report:{{\"received\":{c.Received},\"duplicates\":{c.Duplicates},\"gaps\":{c.Gaps}}}"));
                        return;
                    }
                }

                client.Send(message);
            },
            OnDrop = (room, client, code) =>
            {
                report($"drop:{client.Id}:{code}");
                client.AllowReconnection(TimeSpan.FromSeconds(30));
            },
            OnReconnect = (room, client) => report($"reconnect:{client.Id}"),
            OnLeave = (room, client) =>
            {
                counts.Remove(client.Id);
                report($"leave:{client.Id}");
            },
        };
    }
}
