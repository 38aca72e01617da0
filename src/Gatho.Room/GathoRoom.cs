namespace Gatho.Room;

/// <summary>The one-line way to run a room: <c>await GathoRoom.RunAsync(options, behavior);</c></summary>
public static class GathoRoom
{
    /// <summary>
    /// Starts the room and waits until it stops (SIGTERM or SIGINT, its server, <see cref="IRoom.StopAsync"/>, or a lost
    /// notify channel). A console program's <c>Main</c> returning afterwards ends the room process.
    /// </summary>
    public static async Task RunAsync(RoomOptions options, IRoomBehavior behavior, CancellationToken cancellationToken = default)
    {
        var host = await RoomHost.StartAsync(options, behavior, cancellationToken).ConfigureAwait(false);
        using var registration = cancellationToken.Register(() => _ = host.StopAsync());
        await host.Stopped.ConfigureAwait(false);
    }

    /// <summary>Runs a room from the <c>GATHO_*</c> environment its server set (managed mode).</summary>
    public static Task RunAsync(IRoomBehavior behavior, CancellationToken cancellationToken = default) =>
        RunAsync(new RoomOptions(), behavior, cancellationToken);
}
