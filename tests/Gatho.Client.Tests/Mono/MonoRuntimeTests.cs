using System.Text;
using Gatho.Client.Tests.Aot;
using Gatho.Client.Tests.Support;
using Gatho.TestSupport.Skipping;
using Xunit.Abstractions;

namespace Gatho.Client.Tests.Mono;

/// <summary>
/// Issue 13, item 6: the netstandard2.1 build of the client runs outside CoreCLR. tests/Gatho.Client.MonoHarness (a
/// netstandard2.1 program) runs under Mono against a real room through a proxy: raw text and binary messages both ways,
/// a reset of the connection with messages in flight, and a lossless resume (every echo exactly once, in order).
/// </summary>
[SkipUnless(typeof(MonoInstalled))]
[Trait("Category", "Mono")]
public sealed class MonoRuntimeTests
{
    private readonly ITestOutputHelper output;

    public MonoRuntimeTests(ITestOutputHelper output)
    {
        this.output = output;
    }

    public static string HarnessPath
    {
        get
        {
            var bin = AppContext.BaseDirectory;
            var marker = Path.DirectorySeparatorChar + "Gatho.Client.Tests" + Path.DirectorySeparatorChar;
            var index = bin.LastIndexOf(marker, StringComparison.Ordinal);
            var configuration = new DirectoryInfo(bin).Parent!.Name; // …/bin/<Configuration>/net10.0/
            var path = Path.Combine(bin[..index], "Gatho.Client.MonoHarness", "bin", configuration, "netstandard2.1", "Gatho.Client.MonoHarness.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("the Mono harness is not built", path);
        }
    }

    [Fact]
    public async Task The_netstandard21_client_under_mono_exchanges_messages_survives_a_cut_and_resumes_losslessly()
    {
        await using var room = await TestRoom.StartAsync();
        await using var proxy = new FaultProxy(room.Host.Port);
        var cutRequested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var process = NativeSample.Start(MonoInstalled.Mono!, new[] { "--debug", HarnessPath, room.Seat("mono-player", proxy.Route(room.Host.Url)) }, out var text, line =>
        {
            if (line == "CUT-ME")
            {
                cutRequested.TrySetResult();
            }
        });
        try
        {
            var exited = process.WaitForExitAsync();
            await Task.WhenAny(cutRequested.Task, exited).WaitAsync(TimeSpan.FromSeconds(60));
            Assert.True(cutRequested.Task.IsCompleted, $"the harness exited before asking for the cut:\n{NativeSample.Text(text)}");
            Assert.True(proxy.Cut() > 0, "the proxy had no connection to cut");
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(limit.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            output.WriteLine(NativeSample.Text(text));
        }

        process.WaitForExit();
        var printed = NativeSample.Text(text);
        Assert.True(process.ExitCode == 0, $"mono harness exited {process.ExitCode}:\n{printed}");
        Assert.Contains("runtime: Mono", printed, StringComparison.Ordinal);
        Assert.Contains("OK received 400 of 400 echoes, in order: True, duplicated: 0", printed, StringComparison.Ordinal);
        await room.Log.WaitAsync("reconnect:mono-player");
        Assert.Equal(400, room.Log.Count(e => e.StartsWith("msg:mono-player:", StringComparison.Ordinal)));
    }
}
