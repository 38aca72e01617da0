using Gatho.Integration.Tests.Support;

namespace Gatho.Integration.Tests.Orphans;

/// <summary>
/// A server killed with SIGKILL leaves no room running (DESIGN D7, gatho gap 7): each room loses its notify channel,
/// cannot redial it, and shuts itself down within its redial grace.
/// </summary>
public sealed class ServerKillTests : IDisposable
{
    // The rooms' default notify redial grace; the wait below is an upper bound around it, not a timing assertion.
    private static readonly TimeSpan RedialGrace = TimeSpan.FromSeconds(10);

    private readonly string socketDirectory = Directory.CreateTempSubdirectory("gk-").FullName;

    public void Dispose() => Directory.Delete(socketDirectory, recursive: true);

    [Fact]
    public async Task A_server_killed_with_SIGKILL_leaves_no_orphan_room_processes()
    {
        await using var server = await TestServerProcess.StartAsync(socketDirectory, rooms: 3);
        foreach (var room in server.Rooms.Values)
        {
            Assert.True(RoomProcesses.IsAlive(room));
            Assert.Equal(server.Pid, RoomProcesses.ParentOf(room));
        }

        await server.KillAsync();

        foreach (var (roomId, room) in server.Rooms)
        {
            await RoomProcesses.ExitedAsync(room, $"room {roomId} (pid {room.Pid}) to shut itself down", RedialGrace + TimeSpan.FromSeconds(15));
        }
    }
}
