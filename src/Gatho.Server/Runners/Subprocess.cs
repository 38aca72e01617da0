using System.ComponentModel;
using System.Diagnostics;

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
        var stopper = new ProcessStopper(options.KillTimeout);
        process.Exited += (_, _) =>
        {
            var code = process.ExitCode;

            // No signal may go out once the runtime has reaped the child; then release the process handle.
            stopper.Exited();
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

        stopper.Attach(ProcessSignaller.Attach(process));

        // A room never reads stdin; closing it means a room waiting on input sees end-of-file, not a hang.
        try
        {
            process.StandardInput.Close();
        }
        catch (InvalidOperationException)
        {
            // Already exited and released by the exit handler: no stdin left to close.
        }
        return new ValueTask<IRoomStopper>(stopper);
    }

    private sealed class ExitedStopper : IRoomStopper
    {
        public ValueTask StopAsync() => default;
    }
}
