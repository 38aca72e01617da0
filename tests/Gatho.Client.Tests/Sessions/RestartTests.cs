using Gatho.Client.Tests.Support;
using Gatho.Protocol.Closing;
using Xunit.Abstractions;

namespace Gatho.Client.Tests.Sessions;

/// <summary>
/// Issue 12, item 4: a player's app restarts and gets its seat back. The first process (tests/Gatho.Client.SessionHarness)
/// joins a real room, persists its session as text and is SIGKILLed; this test's process, which never had that client,
/// resumes the session from the text alone.
/// </summary>
[Trait("Category", "Restart")]
public sealed class RestartTests
{
    private readonly ITestOutputHelper output;

    public RestartTests(ITestOutputHelper output)
    {
        this.output = output;
    }

    [Fact]
    public async Task A_new_process_resumes_a_persisted_session_keeps_its_id_and_gets_what_the_room_sent_while_it_was_dead_exactly_once()
    {
        await using var room = await TestRoom.StartAsync();
        var session = await RunFirstProcessAsync(room.Seat("p1"), room, "p1");
        for (var i = 1; i <= 10; i++)
        {
            var text = $"while-dead-{i}";
            await room.WithClientAsync("p1", c => c.Send(text));
        }

        await using var restored = new GathoClient(GathoSession.Parse(session), TestClients.Options());
        var probe = new ClientProbe(restored);
        restored.Connect();
        Assert.True(restored.Send("early"));              // held until open, then numbered after the old process's frames
        await probe.OpenAsync();
        Assert.Equal("p1", restored.ClientId);
        await probe.Log.WaitAsync("msg:while-dead-10");
        await probe.Log.WaitAsync("msg:early");           // the room's echo
        Assert.True(restored.Send("after"));
        await probe.Log.WaitAsync("msg:after");
        await WaitForAsync(() => restored.BufferedBytes == 0); // the room acknowledged both under the continued numbering

        var received = probe.Messages;
        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"while-dead-{i}"), received.Where(m => m.StartsWith("while-dead-", StringComparison.Ordinal)));
        Assert.All(received.GroupBy(m => m), g => Assert.Single(g)); // echoes the old process had not acknowledged come once
        Assert.Equal(new[] { "open" }, probe.Lifecycle);
        Assert.Empty(probe.Errors);
        Assert.Equal(ClientState.Open, restored.State);
        Assert.NotEqual(session, restored.Session!.ToString()); // the resume rotated the token

        await room.Log.WaitAsync("reconnect:p1");
        foreach (var text in new[] { "before-1", "before-2", "before-3", "early", "after" })
        {
            Assert.Equal(1, room.Log.Count(e => e == $"msg:p1:{text}"));
        }

        Assert.Equal(1, room.Log.Count(e => e.StartsWith("join:p1:", StringComparison.Ordinal))); // never a new player
        await restored.CloseAsync();
        await room.Log.WaitAsync("leave:p1");
    }

    [Fact]
    public async Task A_persisted_session_is_refused_after_the_rooms_reconnection_window_with_cause_session()
    {
        await using var room = await TestRoom.StartAsync(onDrop: (_, client, _) => client.AllowReconnection(TimeSpan.FromMilliseconds(200)));
        var session = await RunFirstProcessAsync(room.Seat("p2"), room, "p2");
        await room.Log.WaitAsync("leave:p2");

        await using var restored = new GathoClient(GathoSession.Parse(session), TestClients.Options());
        var error = await Assert.ThrowsAsync<ClientClosedException>(() => restored.ConnectAsync());

        Assert.Equal(new ClientCloseInfo(CloseCodes.Consented, CloseReasons.SessionRejected, CloseCause.Session), error.Info);
        Assert.Contains("get a new seat", error.Message, StringComparison.Ordinal);
        Assert.Null(restored.ClientId);
        Assert.DoesNotContain("reconnect:p2", room.Log.Entries);
    }

    /// <summary>Runs the first process until the room echoed its 3 messages, kills it, and returns its persisted session.</summary>
    private async Task<string> RunFirstProcessAsync(string seatUrl, TestRoom room, string clientId)
    {
        using var harness = SessionHarness.Start(seatUrl, messages: 3);
        try
        {
            var session = await harness.ReadyAsync();
            await harness.KillAsync();
            await room.Log.WaitAsync(e => e.StartsWith($"drop:{clientId}:", StringComparison.Ordinal), "drop");
            return session;
        }
        finally
        {
            output.WriteLine(harness.Output);
        }
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        using var limit = new CancellationTokenSource(EventLog.Patience);
        while (!condition())
        {
            await Task.Delay(10, limit.Token);
        }
    }
}
