using System.Globalization;
using System.Text.RegularExpressions;
using Gatho.Client.Tests.Support;
using Xunit.Abstractions;

namespace Gatho.Client.Tests.Aot;

/// <summary>
/// DESIGN D6: samples/AotClient (the raw client and the generated typed client) and samples/TypedEchoRoom (a generated
/// typed room from a room library that references only Gatho.Abstractions) publish with NativeAOT with zero trim/AOT
/// warnings (IL2xxx/IL3xxx), and the native binaries exchange messages. Two publishes, minutes each.
/// Run alone with <c>dotnet test tests/Gatho.Client.Tests --filter Category=Aot</c>.
/// </summary>
public sealed partial class AotPublishTests : IClassFixture<NativeSamples>
{
    private readonly NativeSamples samples;
    private readonly ITestOutputHelper output;

    public AotPublishTests(NativeSamples samples, ITestOutputHelper output)
    {
        this.samples = samples;
        this.output = output;
    }

    [Fact]
    [Trait("Category", "Aot")]
    public async Task The_NativeAOT_client_publishes_without_trim_or_aot_warnings_and_exchanges_messages_with_a_room()
    {
        var client = await samples.Client;
        client.AssertClean();

        await using var room = await TestRoom.StartAsync();
        var run = await NativeSample.RunAsync(client.Binary, new[] { room.Seat("aot-client"), "10" }, TimeSpan.FromSeconds(60));

        Assert.True(run.ExitCode == 0, $"the native client failed ({run.ExitCode}):\n{run.Output}");
        Assert.Contains("exchanged 20 messages as aot-client", run.Output, StringComparison.Ordinal);
        await room.Log.WaitAsync("join:aot-client:v2");
        await room.Log.WaitAsync("leave:aot-client");
        Assert.Equal(10, room.Log.Count(e => e.StartsWith("msg:aot-client:hello ", StringComparison.Ordinal)));
        Assert.Equal(10, room.Log.Count("msg:aot-client:<2 bytes>"));
    }

    [Fact]
    [Trait("Category", "Aot")]
    public async Task A_NativeAOT_typed_room_and_typed_client_publish_without_warnings_and_exchange_typed_messages_both_ways()
    {
        var roomBinary = await samples.TypedRoom;
        roomBinary.AssertClean();
        var client = await samples.Client;
        client.AssertClean();

        var port = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var room = NativeSample.Start(roomBinary.Binary, new[] { "0" }, out var roomLog, line =>
        {
            if (ListeningOn().Match(line) is { Success: true } match)
            {
                port.TrySetResult(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
            }
        });
        try
        {
            var listening = await port.Task.WaitAsync(TimeSpan.FromSeconds(60));

            // The client checks every answer field by field: the room decoded each Shout (its text, its volume enum) and
            // answered with an Echoed naming this client, which the client decoded.
            var run = await NativeSample.RunAsync(client.Binary, new[] { "typed", $"ws://127.0.0.1:{listening}/", "10" }, TimeSpan.FromSeconds(60));
            Assert.True(run.ExitCode == 0, $"the native typed client failed ({run.ExitCode}):\n{run.Output}\nroom:\n{NativeSample.Text(roomLog)}");
            Assert.Matches("exchanged 20 typed messages as [0-9a-f-]+", run.Output);
            Assert.False(room.HasExited, $"the room process exited:\n{NativeSample.Text(roomLog)}");
            output.WriteLine($"room binary {new FileInfo(roomBinary.Binary).Length} bytes, client binary {new FileInfo(client.Binary).Length} bytes, room {ResidentMemory(room.Id)}");
        }
        finally
        {
            room.Kill();
            await room.WaitForExitAsync();
        }
    }

    /// <summary>The room process's VmRSS from /proc (for the test log; never asserted).</summary>
    private static string ResidentMemory(int pid)
    {
        var status = $"/proc/{pid}/status";
        return File.Exists(status)
            ? File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))?.Replace("\t", " ", StringComparison.Ordinal) ?? "VmRSS unknown"
            : "VmRSS unknown";
    }

    [GeneratedRegex("listening on port ([0-9]+)")]
    private static partial Regex ListeningOn();
}
