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

    // Every measurement names its server: several servers can share a process (one-process deployments, tests), each
    // with its own meter of the same name, and without the tag their series would be indistinguishable to an exporter.
    private readonly KeyValuePair<string, object?> serverTag;

    public ServerMetrics(GathoServer server)
    {
        meter = new Meter(MeterName);
        serverTag = new KeyValuePair<string, object?>("gatho.server.id", server.ServerId);
        meter.CreateObservableGauge("gatho.server.rooms", () => Count(server, serverTag), unit: "{room}", description: "Rooms this server runs, by state");
        meter.CreateObservableGauge("gatho.server.clients", () => new Measurement<int>(server.Rooms.Sum(r => r.LiveClients), serverTag), unit: "{client}", description: "Clients with a live socket, from the rooms' last heartbeats");
        spawnDuration = meter.CreateHistogram<double>("gatho.server.room.spawn_duration", unit: "ms", description: "From a room's start to its ready report");
        failures = meter.CreateCounter<long>("gatho.server.room.failures", unit: "{room}", description: "Rooms reported failed, by reason");
    }

    public void SpawnedIn(TimeSpan elapsed) => spawnDuration.Record(elapsed.TotalMilliseconds, serverTag);

    public void Failed(string reason) => failures.Add(1, serverTag, new KeyValuePair<string, object?>("reason", reason));

    public void Dispose() => meter.Dispose();

    private static IEnumerable<Measurement<int>> Count(GathoServer server, KeyValuePair<string, object?> serverTag)
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

        yield return new Measurement<int>(starting, serverTag, new KeyValuePair<string, object?>("state", "starting"));
        yield return new Measurement<int>(ready, serverTag, new KeyValuePair<string, object?>("state", "ready"));
    }
}
