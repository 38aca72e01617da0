using System.Diagnostics;
using Gatho.Integration.Tests.Support;

namespace Gatho.Integration.Tests.MultiServer;

/// <summary>
/// <c>Gatho.TestServer sdk</c> as a child process: a backend with only the SDK, driven one command line at a time
/// (see its <c>SdkProcess</c> for the commands).
/// </summary>
internal sealed class SdkProcessHandle : IAsyncDisposable
{
    private readonly Process process;
    private readonly SemaphoreSlim oneAtATime = new(1, 1);

    private SdkProcessHandle(Process process)
    {
        this.process = process;
    }

    public static async Task<SdkProcessHandle> StartAsync(IReadOnlyDictionary<string, string> environment)
    {
        var info = TestServerCommand.Create("sdk");
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var handle = new SdkProcessHandle(Process.Start(info)!);
        handle.process.ErrorDataReceived += (_, _) => { };
        handle.process.BeginErrorReadLine();
        try
        {
            using var timeout = new CancellationTokenSource(Cluster.Patience);
            var first = await handle.process.StandardOutput.ReadLineAsync(timeout.Token);
            Assert.Equal("READY", first);
        }
        catch
        {
            await handle.DisposeAsync();
            throw;
        }

        return handle;
    }

    /// <summary>Runs a command; returns what followed <c>OK </c>, or null with <paramref name="error"/> set on <c>ERR</c>.</summary>
    public async Task<(string? Answer, string? Error)> TryAsync(string command)
    {
        await oneAtATime.WaitAsync();
        try
        {
            await process.StandardInput.WriteLineAsync(command);
            await process.StandardInput.FlushAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("the SDK process exited");
            return line.StartsWith("OK", StringComparison.Ordinal) ? (line.Length > 3 ? line[3..] : string.Empty, null) : (null, line);
        }
        finally
        {
            oneAtATime.Release();
        }
    }

    /// <summary>Runs a command that must succeed.</summary>
    public async Task<string> RunAsync(string command)
    {
        var (answer, error) = await TryAsync(command);
        return answer ?? throw new Xunit.Sdk.XunitException($"SDK command \"{command}\" failed: {error}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync().WaitAsync(Cluster.Patience);
        }

        process.Dispose();
        oneAtATime.Dispose();
    }
}
