using Gatho.LoadRoom;
using Gatho.Room;
using Gatho.SignalRBaseline;
using Microsoft.Extensions.Logging;

namespace Gatho.LoadTest.Tests;

/// <summary>
/// A real reference room (Gatho.Room on Kestrel, standalone, loopback) and a real SignalR baseline hub, both in this
/// process, shared by the tests of one collection: the counts are what the tests check, not the timings.
/// </summary>
public sealed class LoadFixture : IAsyncLifetime
{
    private RoomHost? room;
    private BaselineHost? hub;

    public string RoomUrl => room!.Url;

    public string HubUrl => hub!.Url;

    /// <summary>The reference room's built assembly (bench/Gatho.LoadRoom), for the test that starts it as a process.</summary>
    public static string RoomAssembly
    {
        get
        {
            var bin = AppContext.BaseDirectory;
            var marker = Path.DirectorySeparatorChar + "tests" + Path.DirectorySeparatorChar + "Gatho.LoadTest.Tests" + Path.DirectorySeparatorChar;
            var index = bin.LastIndexOf(marker, StringComparison.Ordinal);
            var rest = bin[(index + marker.Length)..];
            return Path.Combine(bin[..index], "bench", "Gatho.LoadRoom", rest, "Gatho.LoadRoom.dll");
        }
    }

    public async Task InitializeAsync()
    {
        var options = LoadRoomBehavior.Options(standalone: true, port: 0);
        room = await RoomHost.StartAsync(
            new RoomOptions
            {
                Standalone = true,
                Port = 0,
                Host = "127.0.0.1",
                MaxConnections = options.MaxConnections,
                StopOnProcessSignals = false,
                LoggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Warning)),
                Environment = new Dictionary<string, string?>(),
            },
            LoadRoomBehavior.Callbacks);
        hub = await BaselineHost.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (room is not null)
        {
            await room.DisposeAsync();
        }

        if (hub is not null)
        {
            await hub.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class LoadCollection : ICollectionFixture<LoadFixture>
{
    public const string Name = "load";
}
