using System.Diagnostics;

namespace Gatho.LoadTest.Targets;

/// <summary>
/// A server process the tool starts (the SignalR baseline, a standalone room): <c>dotnet &lt;assembly&gt; args</c>, or
/// the file itself when it is not a <c>.dll</c> (a NativeAOT publish),
/// which prints <c>listening &lt;url&gt;</c> when it accepts connections and exits when its standard input closes.
/// Stopped by its own pid, never by name.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process process;

    private ChildProcess(Process process, string url)
    {
        this.process = process;
        Url = url;
    }

    public string Url { get; }

    public int Id => process.Id;

    /// <summary>A managed assembly (run through <c>dotnet</c>) rather than an executable of its own.</summary>
    public static bool IsAssembly(string path) => path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);

    public static async Task<ChildProcess> StartAsync(string assembly, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        if (!File.Exists(assembly))
        {
            throw new FileNotFoundException($"{assembly} not found (build it first)", assembly);
        }

        var path = Path.GetFullPath(assembly);
        var info = new ProcessStartInfo(IsAssembly(path) ? "dotnet" : path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (IsAssembly(path))
        {
            info.ArgumentList.Add(path);
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {assembly}");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token).ConfigureAwait(false) is { } line)
            {
                if (line.StartsWith("listening ", StringComparison.Ordinal))
                {
                    var child = new ChildProcess(process, line["listening ".Length..].Trim());
                    _ = DrainAsync(process);
                    return child;
                }
            }

            throw new InvalidOperationException($"{assembly} exited (code {(process.HasExited ? process.ExitCode : -1)}) before it was listening");
        }
        catch
        {
            Kill(process);
            process.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            process.StandardInput.Close();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException)
        {
            Kill(process);
        }
        finally
        {
            process.Dispose();
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static async Task DrainAsync(Process process)
    {
        // Keep reading its output so a chatty child never blocks on a full pipe.
        try
        {
            while (await process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is not null)
            {
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
        }
    }
}
