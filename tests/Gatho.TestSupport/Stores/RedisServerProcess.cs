using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Gatho.TestSupport.Stores;

/// <summary>
/// A private <c>redis-server</c> for tests: started on a free loopback port in a temp directory with persistence off
/// (<c>--save "" --appendonly no</c>), so a restart comes back empty; killed, paused and resumed by its own pid. Find
/// out first with <see cref="IsAvailable"/> (tests skip with <see cref="MissingReason"/> when it is not installed).
/// </summary>
public sealed class RedisServerProcess : IAsyncDisposable
{
    private const int SigKill = 9;
    private const int SigCont = 18;
    private const int SigStop = 19;

    private readonly string directory;
    private Process? process;

    private RedisServerProcess(string executable, int port)
    {
        Executable = executable;
        Port = port;
        directory = Directory.CreateTempSubdirectory("gatho-redis-").FullName;
    }

    /// <summary>The redis-server binary found on PATH, or null.</summary>
    public static string? FindExecutable() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "redis-server"))
            .FirstOrDefault(File.Exists);

    /// <summary>True when redis-server is installed.</summary>
    public static bool IsAvailable => FindExecutable() is not null;

    /// <summary>Why Redis tests are skipped on this machine.</summary>
    public const string MissingReason = "redis-server is not installed (apt-get install redis-server; .ci/run installs it)";

    public string Executable { get; }

    public int Port { get; }

    /// <summary>The process id of the running redis-server (changes on restart).</summary>
    public int Pid => process?.Id ?? 0;

    /// <summary>A StackExchange.Redis connection string for this server.</summary>
    public string ConnectionString => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)},abortConnect=false";

    /// <summary>Starts a fresh, empty redis-server and waits until it answers PING.</summary>
    public static async Task<RedisServerProcess> StartAsync()
    {
        var executable = FindExecutable() ?? throw new InvalidOperationException(MissingReason);
        var server = new RedisServerProcess(executable, FreePort());
        await server.StartProcessAsync();
        return server;
    }

    /// <summary>SIGKILL (no shutdown, nothing saved), then waits for the process to be gone.</summary>
    public async Task KillAsync()
    {
        if (process is { HasExited: false })
        {
            _ = SendSignal(process.Id, SigKill);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    /// <summary>Starts redis-server again on the same port: empty, as after a crash without persistence.</summary>
    public Task RestartAsync() => StartProcessAsync();

    /// <summary>SIGSTOP: Redis freezes with its connections open (a GC pause, a VM stall, a partition's far side).</summary>
    public void Pause() => Signal(SigStop);

    /// <summary>SIGCONT after <see cref="Pause"/>.</summary>
    public void Resume() => Signal(SigCont);

    public async ValueTask DisposeAsync()
    {
        if (process is not null)
        {
            Signal(SigCont);
            await KillAsync();
            process.Dispose();
        }

        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task StartProcessAsync()
    {
        process?.Dispose();
        var info = new ProcessStartInfo(Executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
        };
        foreach (var argument in new[] { "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "no", "--dir", directory, "--daemonize", "no", "--protected-mode", "yes" })
        {
            info.ArgumentList.Add(argument);
        }

        process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await AnswersPingAsync())
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"redis-server on port {Port} did not come up (exited: {process.HasExited})");
            }

            await Task.Delay(20);
        }
    }

    private async Task<bool> AnswersPingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            var read = await stream.ReadAsync(buffer, timeout.Token);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }

    private void Signal(int signal)
    {
        if (process is { HasExited: false })
        {
            _ = SendSignal(process.Id, signal);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
