using Gatho.Drivers.Conformance.Suite;
using Gatho.Drivers.Memory;
using Microsoft.Extensions.Time.Testing;

namespace Gatho.Drivers.Conformance.Memory;

/// <summary>The memory driver against the shared suite, on a fake clock, plus what only the memory driver does (§11 memory-prune).</summary>
public sealed partial class MemoryDriverConformance : DriverConformanceSuite
{
    // FakeTimeProvider.Advance moves the clock to the end first and then fires every due timer, so one big step
    // would show the prune a later time than it would see on a real clock. Small steps keep timers on time.
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(250);

    private readonly FakeTimeProvider clock = new();

    protected override Task<IDriver> CreateDriverAsync(TimeSpan staleServerAfter) =>
        Task.FromResult<IDriver>(new MemoryDriver(new MemoryDriverOptions { StaleServerAfter = staleServerAfter }, clock));

    protected override Task AdvanceTimeAsync(TimeSpan by)
    {
        AdvanceClock(clock, by);
        return Task.CompletedTask;
    }

    private static void AdvanceClock(FakeTimeProvider fake, TimeSpan by)
    {
        for (var left = by; left > TimeSpan.Zero; left -= Step)
        {
            fake.Advance(left < Step ? left : Step);
        }
    }
}
