using Gatho.Client.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Gatho.Client.Tests.Unit;

/// <summary>Where and in which order events are raised.</summary>
public sealed class DispatcherTests
{
    [Fact]
    public async Task Manual_dispatch_raises_nothing_until_Dispatch_then_everything_in_order_on_the_calling_thread()
    {
        var transport = new FakeTransport();
        var client = new GathoClient("ws://room.test/", new GathoClientOptions { Transport = transport, Dispatcher = ClientEventDispatcher.Manual, TimeProvider = new FakeTimeProvider() });
        var raised = new List<(string Event, int Thread)>();
        client.Opened += () => raised.Add(("open", Environment.CurrentManagedThreadId));
        client.MessageReceived += m => raised.Add(("msg:" + m.Text, Environment.CurrentManagedThreadId));
        client.Connect();
        var socket = await transport.NextAsync();
        socket.Accept();
        socket.Session();
        socket.ReceiveText("a");
        socket.ReceiveText("b");
        using (var limit = new CancellationTokenSource(EventLog.Patience))
        {
            // The session has been processed (ClientId is set under the client's lock), so Opened is queued.
            while (client.ClientId is null)
            {
                await Task.Yield();
                limit.Token.ThrowIfCancellationRequested();
            }
        }

        Assert.Empty(raised);

        // Each await may resume on another pool thread, so every event is checked against the thread that made
        // the Dispatch call which raised it.
        var total = 0;
        while (total < 3)
        {
            var caller = Environment.CurrentManagedThreadId;
            var before = raised.Count;
            total += client.Dispatch();
            Assert.All(raised.Skip(before), r => Assert.Equal(caller, r.Thread));
            await Task.Yield();
        }

        Assert.Equal(new[] { "open", "msg:a", "msg:b" }, raised.Select(r => r.Event));
    }

    [Fact]
    public async Task A_synchronization_context_receives_the_events_and_a_throwing_handler_becomes_an_Error_event()
    {
        using var context = new SingleThreadContext();
        var transport = new FakeTransport();
        var client = new GathoClient("ws://room.test/", new GathoClientOptions
        {
            Transport = transport,
            Dispatcher = ClientEventDispatcher.FromSynchronizationContext(context),
            TimeProvider = new FakeTimeProvider(),
        });
        var log = new EventLog();
        client.Opened += () => throw new InvalidOperationException("handler bug");
        client.Error += e => log.Add($"error:{e.Message}:{Environment.CurrentManagedThreadId == context.ThreadId}");
        client.MessageReceived += m => log.Add($"msg:{m.Text}:{Environment.CurrentManagedThreadId == context.ThreadId}");
        client.Connect();
        var socket = await transport.NextAsync();
        socket.Accept();
        socket.Session();
        socket.ReceiveText("after the bug");

        await log.WaitAsync("msg:after the bug:True");
        Assert.Equal(new[] { "error:handler bug:True", "msg:after the bug:True" }, log.Entries);
    }

    [Fact]
    public void Dispatch_is_refused_when_events_are_not_manual()
    {
        var client = new GathoClient("ws://room.test/", new GathoClientOptions { Transport = new FakeTransport() });

        Assert.Throws<InvalidOperationException>(() => client.Dispatch());
    }

    /// <summary>A synchronization context that runs posts, in order, on one dedicated thread (like a UI thread).</summary>
    private sealed class SingleThreadContext : SynchronizationContext, IDisposable
    {
        private readonly System.Collections.Concurrent.BlockingCollection<(SendOrPostCallback, object?)> queue = new();
        private readonly Thread thread;

        public SingleThreadContext()
        {
            thread = new Thread(() =>
            {
                foreach (var (callback, state) in queue.GetConsumingEnumerable())
                {
                    callback(state);
                }
            }) { IsBackground = true };
            thread.Start();
        }

        public int ThreadId => thread.ManagedThreadId;

        public override void Post(SendOrPostCallback d, object? state) => queue.Add((d, state));

        public void Dispose() => queue.CompleteAdding();
    }
}
