using Gatho.LoadTest.Scenarios;
using Gatho.LoadTest.Targets;

namespace Gatho.LoadTest.Tests;

/// <summary>
/// The path a backend takes: a server in the test process (memory driver, subprocess runner) runs the reference room as
/// its own process, the SDK creates the room and reserves each seat; the room process's CPU and memory are read.
/// </summary>
public sealed class ProcessTargetTests
{
    [Fact]
    public async Task Idle_clients_through_the_sdk_are_all_held_and_the_room_process_is_measured()
    {
        await using var target = await LoadTarget.SpawnRoomAsync(LoadFixture.RoomAssembly);
        Assert.NotNull(target.ProcessId);

        var report = await LoadRunner.RunAsync(target, LoadScenario.Idle, new LoadOptions { Clients = 5, Hold = TimeSpan.FromMilliseconds(200), Timeout = TimeSpan.FromSeconds(60) });

        var run = Assert.Single(report.Runs);
        Assert.Equal(0, run.ErrorCount);
        Assert.Equal(5, run.Joins);
        Assert.Equal(5, run.Leaves);
        var server = Assert.IsType<Reporting.ServerFigures>(run.Server);
        Assert.Equal(target.ProcessId, server.ProcessId);
        Assert.True(server.RssBeforeKib > 0 && server.RssAfterKib > 0 && server.PeakRssKib >= server.RssAfterKib);
        Assert.Equal((server.RssAfterKib - server.RssBeforeKib) / 5.0, server.KibPerClient, 3);
    }
}
