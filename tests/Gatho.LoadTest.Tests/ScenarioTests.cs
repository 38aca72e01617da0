using Gatho.LoadTest.Reporting;
using Gatho.LoadTest.Scenarios;
using Gatho.LoadTest.Targets;

namespace Gatho.LoadTest.Tests;

/// <summary>The built-in scenarios, small, against a real room and the real SignalR hub: every count adds up.</summary>
[Collection(LoadCollection.Name)]
public sealed class ScenarioTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly LoadFixture fixture;

    public ScenarioTests(LoadFixture fixture)
    {
        this.fixture = fixture;
    }

    public static TheoryData<string> Clients => new() { "gatho-v2", "gatho-v1", "raw", "signalr" };

    [Theory]
    [MemberData(nameof(Clients))]
    public async Task Echo_counts_every_round_trip_once(string client)
    {
        var options = new LoadOptions { Clients = 3, Messages = 20, Timeout = Timeout };
        var report = await RunAsync(client, LoadScenario.Echo, options);

        var run = Assert.Single(report.Runs);
        Assert.Equal(0, run.ErrorCount);
        Assert.Equal(60, run.Sent);
        Assert.Equal(60, run.Expected);
        Assert.Equal(60, run.Deliveries);
        Assert.Equal(60, run.Latency.Count);
        Assert.Equal(60, run.Latency.Buckets.Sum(b => b.Count));
        Assert.Equal(0, run.Lost);
        Assert.Equal(0, run.Duplicated);
        Assert.Equal(0, run.OutOfOrder);
        Assert.Equal(3, run.Joins);
        Assert.Equal(3, run.Leaves);
        Assert.True(run.Latency.P50 <= run.Latency.P99 && run.Latency.P99 <= run.Latency.Max);
    }

    [Theory]
    [MemberData(nameof(Clients))]
    public async Task Fan_out_delivers_every_message_to_every_client(string client)
    {
        var options = new LoadOptions { Clients = 4, Messages = 10, Timeout = Timeout };
        var report = await RunAsync(client, LoadScenario.FanOut, options);

        var run = Assert.Single(report.Runs);
        Assert.Equal(0, run.ErrorCount);
        Assert.Equal(40, run.Sent);
        Assert.Equal(4 * 4 * 10, run.Expected);
        Assert.Equal(4 * 4 * 10, run.Deliveries);
        Assert.Equal(0, run.Lost);
        Assert.Equal(0, run.Duplicated);
        Assert.Equal(0, run.OutOfOrder);
        Assert.Equal(run.Deliveries, run.Throughput.Sum(p => p.PerSecond * 0.1), 3);
    }

    [Fact]
    public async Task Churn_cuts_and_resumes_without_losing_or_repeating_a_message()
    {
        var options = new LoadOptions { Clients = 3, Cycles = 4, Messages = 10, Timeout = Timeout };
        var report = await RunAsync("gatho-v2", LoadScenario.Churn, options);

        var run = Assert.Single(report.Runs);
        Assert.Equal(0, run.ErrorCount);
        Assert.Equal(3 * 4, run.Joins);
        Assert.Equal(3 * 4, run.Leaves);
        Assert.Equal(3 * 2, run.Cuts); // cycles 1 and 3 of each client
        Assert.Equal(run.Cuts, run.Reconnects);
        Assert.Equal(3 * 4 * 10, run.Deliveries);
        Assert.Equal(0, run.Lost);
        Assert.Equal(0, run.Duplicated);
    }

    [Fact]
    public async Task A_user_scenario_records_what_its_clients_measure()
    {
        var scenario = LoadScenario.FromDelegate("ping-pong", async (context, cancellationToken) =>
        {
            var tracker = context.NewTracker(1);
            using var answers = new SemaphoreSlim(0);
            var connection = await context.ConnectAsync(
                message =>
                {
                    if (Payload.TryRead(message, out _, out var seq, out var sent) && tracker.Receive(0, seq))
                    {
                        context.Meter.Delivered(System.Diagnostics.Stopwatch.GetTimestamp() - sent);
                    }

                    answers.Release();
                },
                cancellationToken);
            context.Meter.Expect(5);
            for (var seq = 1; seq <= 5; seq++)
            {
                await connection.SendAsync(Payload.Create(24, Payload.Echo, context.Index, seq), cancellationToken);
                context.Meter.Sending();
                Assert.True(await answers.WaitAsync(Timeout, cancellationToken));
            }

            await context.LeaveAsync(connection);
        });

        var report = await LoadRunner.RunAsync(LoadTarget.Room(fixture.RoomUrl), scenario, new LoadOptions { Clients = 2, Timeout = Timeout });

        var run = Assert.Single(report.Runs);
        Assert.Equal(0, run.ErrorCount);
        Assert.Equal(10, run.Deliveries);
        Assert.Equal(10, run.Sent);
        Assert.Equal(0, run.Lost);
        Assert.Equal(2, run.Leaves);
    }

    private Task<TargetReport> RunAsync(string client, LoadScenario scenario, LoadOptions options) => client switch
    {
        "signalr" => LoadRunner.RunAsync(LoadTarget.SignalR(fixture.HubUrl), scenario, options),
        "raw" => LoadRunner.RunAsync(LoadTarget.Room(fixture.RoomUrl), scenario, options with { Client = LoadClientKind.Raw }),
        "gatho-v1" => LoadRunner.RunAsync(LoadTarget.Room(fixture.RoomUrl), scenario, options with { ProtocolVersion = 1 }),
        _ => LoadRunner.RunAsync(LoadTarget.Room(fixture.RoomUrl), scenario, options),
    };
}
