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
        // Starting a JIT room costs CPU before any client joins, so the total since its start exceeds the window's.
        Assert.True(server.CpuSecondsSinceStart > server.CpuSeconds, $"{server.CpuSecondsSinceStart} s since start, {server.CpuSeconds} s in the window");
    }

    [Fact]
    public async Task A_room_that_is_an_executable_of_its_own_runs_directly_like_a_NativeAOT_publish()
    {
        // Stands in for a NativeAOT room binary (publishing one takes minutes): an executable file that is not a .dll,
        // which the server's subprocess runner must start itself, not hand to dotnet. It keeps the GATHO_* environment.
        var directory = Directory.CreateTempSubdirectory("gatho-load-native-").FullName;
        var executable = Path.Combine(directory, "LoadRoom");
        await File.WriteAllTextAsync(executable, $"#!/bin/sh\nexec dotnet '{LoadFixture.RoomAssembly}' \"$@\"\n");
        File.SetUnixFileMode(executable, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try
        {
            await using var target = await LoadTarget.SpawnRoomAsync(executable);
            Assert.NotNull(target.ProcessId);

            var report = await LoadRunner.RunAsync(target, LoadScenario.Echo, new LoadOptions { Clients = 2, Messages = 5, Timeout = TimeSpan.FromSeconds(60) });

            var run = Assert.Single(report.Runs);
            Assert.Equal(0, run.ErrorCount);
            Assert.Equal(2, run.Joins);
            Assert.Equal(10, run.Deliveries);
            Assert.True(run.ClientCpuSeconds > 0, "the clients' own CPU over the window was not read");
            Assert.Equal(0, run.Lost);
            var server = Assert.IsType<Reporting.ServerFigures>(run.Server);
            Assert.Equal(target.ProcessId, server.ProcessId);
            // Each round trip wakes at least the room's socket reader, so its threads switched at least once per echo.
            Assert.True(server.ContextSwitchesPerDelivery >= 1, $"{server.ContextSwitchesPerDelivery} context switches per round trip");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
