using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Gatho.Drivers.Errors;
using Gatho.Server.Tests.Support;

namespace Gatho.Server.Tests.Metrics;

/// <summary>The <c>Gatho.Server</c> meter (DESIGN D8): what an operator's dashboard reads, per server.</summary>
public sealed class ServerMetricsTests
{
    [Fact]
    public async Task The_meter_publishes_rooms_by_state_spawn_duration_and_failures_for_each_server()
    {
        await using var cluster = new TestCluster();
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.UseFakes(new FakeRoomRunner
        {
            OnStart = async handle =>
            {
                // The room created with "hold" in its data stays in its runner, so it is still starting when the gauge is read.
                if (handle.Context.DataJson.Contains("hold", StringComparison.Ordinal))
                {
                    await go.Task;
                }

                await handle.DialAndReadyAsync();
            },
        });
        using var recorder = new MeterRecorder();
        var server = await cluster.StartServerAsync(o => o.Rooms["crash"] = Gatho.Server.Runners.RoomRunner.Create((context, _) =>
        {
            context.Stopped(9);
            return ValueTask.FromResult<Func<ValueTask>>(() => ValueTask.CompletedTask);
        }));
        var other = await cluster.StartServerAsync();

        await cluster.Sdk.CreateRoomAsync("fake", server.ServerId);
        await cluster.Sdk.CreateRoomAsync("fake", server.ServerId);
        var holding = cluster.Sdk.CreateRoomAsync("fake", server.ServerId, dataJson: "{\"hold\":true}", timeout: Wait.Patience);
        await Wait.UntilAsync(() => cluster.Fakes.Starts == 3, "the third room starting");
        await Assert.ThrowsAsync<RoomFailedException>(() => cluster.Sdk.CreateRoomAsync("crash", server.ServerId));

        // The SDK returns once the driver says running; the server marks the room ready just after that write.
        await Wait.UntilAsync(() => recorder.Gauge("gatho.server.rooms", server.ServerId)["ready"] == 2, "two rooms ready on the gauge");
        var rooms = recorder.Gauge("gatho.server.rooms", server.ServerId);
        Assert.Equal(1, rooms["starting"]);
        var otherRooms = recorder.Gauge("gatho.server.rooms", other.ServerId);
        Assert.Equal(0, otherRooms["ready"]);
        Assert.Equal(0, otherRooms["starting"]);

        await Wait.UntilAsync(() => recorder.Recorded("gatho.server.room.spawn_duration", server.ServerId).Count == 2, "two spawn durations");
        var spawns = recorder.Recorded("gatho.server.room.spawn_duration", server.ServerId);
        Assert.All(spawns, m => Assert.True(m.Value >= 0));
        var failures = recorder.Recorded("gatho.server.room.failures", server.ServerId);
        var failure = Assert.Single(failures);
        Assert.Equal(1, failure.Value);
        Assert.Equal("startup", failure.Tags["reason"]);

        go.SetResult();
        await holding;
        await Wait.UntilAsync(() => recorder.Gauge("gatho.server.rooms", server.ServerId)["ready"] == 3, "three rooms ready on the gauge");
        Assert.Equal(0, recorder.Gauge("gatho.server.rooms", server.ServerId)["starting"]);
        await Wait.UntilAsync(() => recorder.Recorded("gatho.server.room.spawn_duration", server.ServerId).Count == 3, "three spawn durations");
    }

    /// <summary>Listens to the Gatho.Server meter; measurements are kept with their tags.</summary>
    private sealed class MeterRecorder : IDisposable
    {
        private readonly MeterListener listener = new();
        private readonly ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)> measurements = new();

        public MeterRecorder()
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "Gatho.Server")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<int>((i, v, t, _) => Add(i, v, t));
            listener.SetMeasurementEventCallback<long>((i, v, t, _) => Add(i, v, t));
            listener.SetMeasurementEventCallback<double>((i, v, t, _) => Add(i, v, t));
            listener.Start();
        }

        /// <summary>Reads an observable gauge now: value by <c>state</c> tag, for one server.</summary>
        public Dictionary<string, double> Gauge(string name, string serverId)
        {
            var before = measurements.Count;
            listener.RecordObservableInstruments();
            return measurements.Skip(before)
                .Where(m => m.Instrument == name && Equals(m.Tags.GetValueOrDefault("gatho.server.id"), serverId))
                .ToDictionary(m => (string)m.Tags["state"]!, m => m.Value);
        }

        public List<(double Value, Dictionary<string, object?> Tags)> Recorded(string name, string serverId) =>
            measurements
                .Where(m => m.Instrument == name && Equals(m.Tags.GetValueOrDefault("gatho.server.id"), serverId))
                .Select(m => (m.Value, m.Tags))
                .ToList();

        public void Dispose() => listener.Dispose();

        private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var copy = new Dictionary<string, object?>();
            foreach (var tag in tags)
            {
                copy[tag.Key] = tag.Value;
            }

            measurements.Enqueue((instrument.Name, value, copy));
        }
    }
}
