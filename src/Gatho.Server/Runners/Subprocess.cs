using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Gatho.Server.Runners;

/// <summary>Options for <see cref="Subprocess"/>.</summary>
public sealed class SubprocessOptions
{
    /// <summary>
    /// Extra environment for the child (e.g. forwarding fields of <see cref="RunnerContext.DataJson"/>). Applied after the
    /// server's own environment and before the <c>GATHO_*</c> variables, so those cannot be overridden.
    /// </summary>
    public Func<RunnerContext, IReadOnlyDictionary<string, string>>? Environment { get; init; }

    /// <summary>How long after SIGTERM the child gets before SIGKILL. Default 5 s.</summary>
    public TimeSpan KillTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The child's working directory (default: the server's).</summary>
    public string? WorkingDirectory { get; init; }
}

/// <summary>
/// The default runner: each room is a child process (<c>dotnet MyRoom.dll</c>, a NativeAOT binary, anything) started with
/// the server's environment plus the <c>GATHO_*</c> variables. stdin is closed, stdout and stderr are inherited. Stopping
/// sends SIGTERM (the room stops gracefully), then SIGKILL after <see cref="SubprocessOptions.KillTimeout"/>.
/// </summary>
public sealed class Subprocess : IRoomRunner
{
    private const int SigTerm = 15;
    private readonly string fileName;
    private readonly IReadOnlyList<string> arguments;
    private readonly SubprocessOptions options;

    /// <summary>A runner that starts <paramref name="fileName"/> with <paramref name="arguments"/> for every room.</summary>
    /// <exception cref="ArgumentException"><paramref name="fileName"/> is empty.</exception>
    public Subprocess(string fileName, IEnumerable<string>? arguments = null, SubprocessOptions? options = null)
    {
        if (string.IsNullOrWhiteSpace(fileName))
        {
            throw new ArgumentException($"subprocess file name must be non-empty, got \"{fileName}\"", nameof(fileName));
        }

        this.fileName = fileName;
        this.arguments = (arguments ?? Array.Empty<string>()).ToArray();
        this.options = options ?? new SubprocessOptions();
        if (this.options.KillTimeout < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), this.options.KillTimeout, "kill timeout must not be negative");
        }
    }

    /// <summary>The process to run a .NET room assembly with the same <c>dotnet</c> host as this server.</summary>
    public static Subprocess Dotnet(string roomAssemblyPath, IEnumerable<string>? arguments = null, SubprocessOptions? options = null)
    {
        var host = System.Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        return new Subprocess(host, new[] { roomAssemblyPath }.Concat(arguments ?? Array.Empty<string>()), options);
    }

    /// <inheritdoc />
    public ValueTask<IRoomStopper> StartAsync(RunnerContext context, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            WorkingDirectory = options.WorkingDirectory ?? string.Empty,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        if (options.Environment?.Invoke(context) is { } extra)
        {
            foreach (var pair in extra)
            {
                info.Environment[pair.Key] = pair.Value;
            }
        }

        foreach (var pair in context.Environment)
        {
            info.Environment[pair.Key] = pair.Value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.Exited += (_, _) =>
        {
            var code = process.ExitCode;

            // Release the process handle now; a later stop sees ObjectDisposedException (an InvalidOperationException),
            // which the stopper already treats as "nothing left to stop".
            process.Dispose();
            context.Stopped(code);
        };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            process.Dispose();
            context.ReportError($"subprocess spawn failed: {fileName}: {e.Message}");
            context.Stopped(-1);
            return new ValueTask<IRoomStopper>(new ExitedStopper());
        }

        // A room never reads stdin; closing it means a room waiting on input sees end-of-file, not a hang.
        process.StandardInput.Close();
        return new ValueTask<IRoomStopper>(new ProcessStopper(process, options.KillTimeout));
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    private sealed class ExitedStopper : IRoomStopper
    {
        public ValueTask StopAsync() => default;
    }

    private sealed class ProcessStopper : IRoomStopper
    {
        private readonly Process process;
        private readonly TimeSpan killTimeout;
        private int stopping;

        public ProcessStopper(Process process, TimeSpan killTimeout)
        {
            this.process = process;
            this.killTimeout = killTimeout;
        }

        public ValueTask StopAsync()
        {
            if (Interlocked.Exchange(ref stopping, 1) == 0)
            {
                _ = EscalateAsync();
            }

            return default;
        }

        private async Task EscalateAsync()
        {
            try
            {
                if (process.HasExited)
                {
                    return;
                }

                if (OperatingSystem.IsWindows() || SendSignal(process.Id, SigTerm) != 0)
                {
                    process.Kill(entireProcessTree: true);
                    return;
                }

                using var timeout = new CancellationTokenSource(killTimeout);
                try
                {
                    await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                }
            }
            catch (InvalidOperationException)
            {
                // Exited (and reaped) between the check and the signal: nothing left to stop.
            }
        }
    }
}
