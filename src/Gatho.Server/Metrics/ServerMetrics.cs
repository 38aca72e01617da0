using System.Diagnostics.Metrics;
using Gatho.Server.Rooms;

namespace Gatho.Server.Metrics;

/// <summary>
/// The server's instruments on the <c>Gatho.Server</c> meter (System.Diagnostics.Metrics; export with OpenTelemetry or
/// watch with <c>dotnet-counters monitor -n &lt;process&gt; --counters Gatho.Server</c>).
/// </summary>
internal sealed class ServerMetrics : IDisposable
{
    /// <summary>The meter name to subscribe to.</summary>
    public const string MeterName = "Gatho.Server";

    private readonly Meter meter;
    private readonly Histogram<double> spawnDuration;
    private readonly Counter<long> failures;

    public ServerMetrics(GathoServer server)
    {
        meter = new Meter(MeterName);
        var serverTag = new KeyValuePair<string, object?>("gatho.server.id", server.ServerId);
        meter.CreateObservableGauge("gatho.server.rooms", () => Count(server), unit: "{room}", description: "Rooms this server runs, by state");
        meter.CreateObservableGauge("gatho.server.clients", () => new Measurement<int>(server.Rooms.Sum(r => r.LiveClients), serverTag), unit: "{client}", description: "Clients with a live socket, from the rooms' last heartbeats");
        spawnDuration = meter.CreateHistogram<double>("gatho.server.room.spawn_duration", unit: "ms", description: "From a room's start to its ready report");
        failures = meter.CreateCounter<long>("gatho.server.room.failures", unit: "{room}", description: "Rooms reported failed, by reason");
    }

    public void SpawnedIn(TimeSpan elapsed) => spawnDuration.Record(elapsed.TotalMilliseconds);

    public void Failed(string reason) => failures.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void Dispose() => meter.Dispose();

    private static IEnumerable<Measurement<int>> Count(GathoServer server)
    {
        var starting = 0;
        var ready = 0;
        foreach (var room in server.Rooms)
        {
            if (room.Status == RoomProcessStatus.Starting)
            {
                starting++;
            }
            else if (room.Status == RoomProcessStatus.Ready)
            {
                ready++;
            }
        }

        yield return new Measurement<int>(starting, new KeyValuePair<string, object?>("state", "starting"));
        yield return new Measurement<int>(ready, new KeyValuePair<string, object?>("state", "ready"));
    }
}
