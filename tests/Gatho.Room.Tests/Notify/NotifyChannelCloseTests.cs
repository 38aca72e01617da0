using System.Collections.Concurrent;
using Gatho.Protocol.Notify;
using Gatho.Room.Notify;
using Gatho.Room.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Gatho.Room.Tests.Notify;

/// <summary>
/// Issue 17, defect 13 (NotifyChannel): closing the channel while it redials a lost server. It used to give the loop
/// two seconds, then dispose the token source and socket under it; the loop lived on — reading the disposed source,
/// redialling, and reporting the server lost after the room had already stopped.
/// </summary>
public sealed class NotifyChannelCloseTests
{
    [Fact]
    public async Task Closing_while_redialling_ends_the_loop_before_returning_and_does_not_report_the_server_lost()
    {
        await using var server = new FakeNotifyServer();
        var logs = new RecordingLogger();
        var lost = 0;
        var channel = await NotifyChannel.ConnectAsync(NotifyTarget.Parse(server.Target), TimeSpan.FromMinutes(5), logs, CancellationToken.None);
        channel.Start(_ => Task.CompletedTask, () =>
        {
            Interlocked.Increment(ref lost);
            return Task.CompletedTask;
        });
        channel.Send(new ReadyNotify(1));
        Assert.IsType<ReadyNotify>(await server.NextAsync());

        server.Vanish();
        await logs.WaitForAsync("redialling");
        await channel.DisposeAsync().AsTask().WaitAsync(WireClient.Patience);

        Assert.True(channel.Completion.IsCompleted, "the channel's loop was still running after DisposeAsync returned");
        Assert.True(channel.Completion.IsCompletedSuccessfully, channel.Completion.Exception?.ToString());
        Assert.Equal(0, Volatile.Read(ref lost));
        Assert.DoesNotContain(logs.Lines, l => l.Contains("shutting the room down", StringComparison.Ordinal));
    }

    private sealed class RecordingLogger : ILogger
    {
        private readonly ConcurrentQueue<string> lines = new();

        public IEnumerable<string> Lines => lines;

        public async Task WaitForAsync(string fragment)
        {
            using var timeout = new CancellationTokenSource(WireClient.Patience);
            while (!lines.Any(l => l.Contains(fragment, StringComparison.Ordinal)))
            {
                await Task.Delay(10, timeout.Token);
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(formatter(state, exception));
    }
}
