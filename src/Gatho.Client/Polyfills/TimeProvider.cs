// netstandard2.1 only (see Gatho.Client.csproj). .NET 8+ has System.TimeProvider; for netstandard the package
// Microsoft.Bcl.TimeProvider brings it, but that package's only build is netstandard2.0, compiled against
// System.Threading.Tasks.Extensions 4.2.1.0, an assembly Mono 6.8 (and Unity-class runtimes built on it) do not have:
// the first timer fails with a TypeLoadException (issue 13, found running the client under Mono). This internal copy of
// the few members the client uses keeps the netstandard2.1 build free of that dependency; its clock is the system one.
namespace System
{
    using System.Diagnostics;
    using System.Threading;

    /// <summary>The system clock with the shape of .NET 8's <c>TimeProvider</c>, for the client's netstandard2.1 build.</summary>
    internal abstract class TimeProvider
    {
        public static TimeProvider System { get; } = new SystemClock();

        public long GetTimestamp() => Stopwatch.GetTimestamp();

        public TimeSpan GetElapsedTime(long startingTimestamp) =>
            TimeSpan.FromTicks((long)((Stopwatch.GetTimestamp() - startingTimestamp) * ((double)TimeSpan.TicksPerSecond / Stopwatch.Frequency)));

        public ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => new SystemTimer(callback, state, dueTime, period);

        private sealed class SystemClock : TimeProvider
        {
        }

        private sealed class SystemTimer : ITimer
        {
            private readonly Timer timer;

            public SystemTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
            {
                timer = new Timer(callback, state, dueTime, period);
            }

            public bool Change(TimeSpan dueTime, TimeSpan period) => timer.Change(dueTime, period);

            public void Dispose() => timer.Dispose();
        }
    }
}

namespace System.Threading
{
    /// <summary>A timer the client can change and stop (the subset of .NET 8's <c>ITimer</c> it uses).</summary>
    internal interface ITimer : IDisposable
    {
        bool Change(TimeSpan dueTime, TimeSpan period);
    }
}
