using System.Threading.Channels;
using Gatho.Drivers;
using Gatho.Drivers.Events;

namespace Gatho.Drivers.Conformance.Support;

/// <summary>Subscribes to one server's events and lets a test await them in order.</summary>
public sealed class EventRecorder : IAsyncDisposable
{
    private static readonly TimeSpan UpperBound = TimeSpan.FromSeconds(10);
    private readonly Channel<ServerEvent> received = Channel.CreateUnbounded<ServerEvent>();
    private IAsyncDisposable? subscription;

    private EventRecorder()
    {
    }

    /// <summary>How many events have been delivered so far.</summary>
    public int Delivered { get; private set; }

    public static async Task<EventRecorder> SubscribeAsync(IDriver driver, string serverId, Func<ServerEvent, bool>? throwOn = null)
    {
        var recorder = new EventRecorder();
        recorder.subscription = await driver.SubscribeServerEventsAsync(
            serverId,
            serverEvent =>
            {
                recorder.Delivered++;
                recorder.received.Writer.TryWrite(serverEvent);
                if (throwOn?.Invoke(serverEvent) == true)
                {
                    throw new InvalidOperationException("handler failure injected by the test");
                }

                return ValueTask.CompletedTask;
            });
        return recorder;
    }

    /// <summary>The next event, waiting at most ten seconds (an upper bound, not a sleep).</summary>
    public async Task<ServerEvent> NextAsync() => await received.Reader.ReadAsync().AsTask().WaitAsync(UpperBound);

    public async Task<T> NextAsync<T>()
        where T : ServerEvent => Assert.IsType<T>(await NextAsync());

    /// <summary>True when no event is waiting right now (call only after a later marker event was awaited elsewhere).</summary>
    public bool IsDrained => !received.Reader.TryPeek(out _);

    public async Task UnsubscribeAsync()
    {
        if (subscription is not null)
        {
            await subscription.DisposeAsync();
            subscription = null;
        }
    }

    public async ValueTask DisposeAsync() => await UnsubscribeAsync();
}
