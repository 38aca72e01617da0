using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Gatho.TestSupport.Stores;

/// <summary>
/// A private PostgreSQL for tests: a cluster made with <c>initdb</c> in a temp directory and run with <c>pg_ctl</c> on
/// a free loopback port (its Unix socket in the same directory), with durability off (fsync, synchronous_commit,
/// full_page_writes) for speed; stopped, killed and restarted by its own postmaster pid, removed on dispose.
/// PostgreSQL refuses to run as root, so under root (CI) the binaries run as the <c>postgres</c> user the Debian
/// package creates, through <c>runuser</c>. Check <see cref="MissingReason"/> first: tests skip with it.
/// </summary>
public sealed class PostgresServerProcess : IAsyncDisposable
{
    private const int SigKill = 9;
    private const int SigCont = 18;
    private const int SigStop = 19;

    private readonly string binDirectory;
    private readonly string directory;
    private readonly string dataDirectory;

    private PostgresServerProcess(string binDirectory, int port)
    {
        this.binDirectory = binDirectory;
        Port = port;
        directory = Directory.CreateTempSubdirectory("gatho-pg-").FullName;
        dataDirectory = Path.Combine(directory, "data");
    }

    /// <summary>Why PostgreSQL tests cannot run here, or null when they can.</summary>
    public static string? MissingReason { get; } = FindMissingReason();

    /// <summary>The superuser of the test cluster (trust authentication on loopback).</summary>
    public const string User = "gatho";

    public int Port { get; }

    /// <summary>An Npgsql connection string for the cluster's <c>postgres</c> database.</summary>
    public string ConnectionString =>
        $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Username={User};Database=postgres;Timeout=15;Command Timeout=30;Include Error Detail=true";

    /// <summary>
    /// <see cref="ConnectionString"/> with short connect and command timeouts, for processes that must notice a killed
    /// or frozen server within seconds.
    /// </summary>
    public string ConnectionStringWithTimeouts(int connectSeconds, int commandSeconds) =>
        $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Username={User};Database=postgres;Timeout={connectSeconds.ToString(CultureInfo.InvariantCulture)};Command Timeout={commandSeconds.ToString(CultureInfo.InvariantCulture)};Cancellation Timeout=1000";

    /// <summary>The running postmaster's pid (changes on restart), or 0 when it is not running.</summary>
    public int Pid => ReadPostmasterPid() ?? 0;

    /// <summary>Creates the cluster and starts it; throws with <see cref="MissingReason"/> when PostgreSQL is not usable here.</summary>
    public static async Task<PostgresServerProcess> StartAsync()
    {
        if (MissingReason is not null)
        {
            throw new InvalidOperationException(MissingReason);
        }

        var server = new PostgresServerProcess(FindBinDirectory()!, FreePort());
        try
        {
            await server.InitializeAsync();
            await server.RestartAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the (stopped or killed) cluster again on the same port with its data, waiting until it accepts connections.</summary>
    public async Task RestartAsync()
    {
        // After a SIGKILL the old backends may still hold the shared memory for a moment; retry until they are gone.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var (code, output) = await RunAsync("pg_ctl", "start", "-w", "-t", "60", "-D", dataDirectory, "-l", Path.Combine(directory, "server.log"));
            if (code == 0)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"pg_ctl start failed ({code}): {output}\n{ReadLog()}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Starts again after <see cref="KillAsync"/> or <see cref="StopAsync"/> with a brand-new, empty cluster on the same port (as a store restored from nothing).</summary>
    public async Task RestartEmptyAsync()
    {
        if (Pid != 0)
        {
            await KillAsync();
        }

        Directory.Delete(dataDirectory, recursive: true);
        await InitializeAsync();
        await RestartAsync();
    }

    /// <summary>SIGSTOP to the postmaster and its backends: connections stay open and nothing answers.</summary>
    public void Pause() => SignalAll(SigStop);

    /// <summary>SIGCONT after <see cref="Pause"/>.</summary>
    public void Resume() => SignalAll(SigCont);

    /// <summary>A fast shutdown (clients are disconnected, the data is kept), waiting until the postmaster is gone.</summary>
    public async Task StopAsync()
    {
        if (Pid != 0)
        {
            var (code, output) = await RunAsync("pg_ctl", "stop", "-w", "-t", "60", "-m", "fast", "-D", dataDirectory);
            if (code != 0 && Pid != 0)
            {
                throw new InvalidOperationException($"pg_ctl stop failed ({code}): {output}");
            }
        }
    }

    /// <summary>SIGKILL to the postmaster and its backends (a crash), waiting until they are gone.</summary>
    public async Task KillAsync()
    {
        var postmaster = Pid;
        if (postmaster == 0)
        {
            return;
        }

        var victims = ChildrenOf(postmaster).Append(postmaster).ToList();
        foreach (var pid in victims)
        {
            _ = SendSignal(pid, SigKill);
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (victims.Any(pid => Directory.Exists($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}") && !IsZombie(pid)))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"postgres processes {string.Join(' ', victims)} outlived SIGKILL");
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (Pid != 0)
            {
                await KillAsync();
            }
        }
        finally
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
    }

    /// <summary>The server log so far (for failure messages).</summary>
    public string ReadLog()
    {
        var path = Path.Combine(directory, "server.log");
        return File.Exists(path) ? File.ReadAllText(path) : "(no server log)";
    }

    private void SignalAll(int signal)
    {
        var postmaster = Pid;
        if (postmaster != 0)
        {
            foreach (var pid in ChildrenOf(postmaster).Append(postmaster))
            {
                _ = SendSignal(pid, signal);
            }
        }
    }

    private async Task InitializeAsync()
    {
        if (IsRoot)
        {
            var (code, output) = await RunPlainAsync("chown", "postgres:", directory);
            if (code != 0)
            {
                throw new InvalidOperationException($"chown of {directory} to postgres failed: {output}");
            }
        }

        var init = await RunAsync("initdb", "-D", dataDirectory, "-U", User, "-A", "trust", "-E", "UTF8", "--locale=C", "-N");
        if (init.Code != 0)
        {
            throw new InvalidOperationException($"initdb failed ({init.Code}): {init.Output}");
        }

        // Settings in postgresql.conf survive restarts; durability is off because the cluster is thrown away.
        var settings = string.Join(
            '\n',
            $"port = {Port.ToString(CultureInfo.InvariantCulture)}",
            "listen_addresses = '127.0.0.1'",
            $"unix_socket_directories = '{directory}'",
            "fsync = off",
            "synchronous_commit = off",
            "full_page_writes = off",
            "max_connections = 300",
            "shared_buffers = 32MB");
        await File.AppendAllTextAsync(Path.Combine(dataDirectory, "postgresql.conf"), "\n" + settings + "\n");
    }

    private int? ReadPostmasterPid()
    {
        try
        {
            var first = File.ReadLines(Path.Combine(dataDirectory, "postmaster.pid")).FirstOrDefault();
            return int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && Directory.Exists($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}") && !IsZombie(pid) ? pid : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private Task<(int Code, string Output)> RunAsync(string tool, params string[] arguments)
    {
        var executable = Path.Combine(binDirectory, tool);
        return IsRoot
            ? RunPlainAsync(RunuserPath!, ["-u", "postgres", "--", executable, .. arguments])
            : RunPlainAsync(executable, arguments);
    }

    private async Task<(int Code, string Output)> RunPlainAsync(string executable, params string[] arguments)
    {
        var info = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{executable} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
        return (process.ExitCode, (await stdout) + (await stderr));
    }

    private static IEnumerable<int> ChildrenOf(int parent)
    {
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(entry), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && ParentOf(pid) == parent)
            {
                yield return pid;
            }
        }
    }

    private static int? ParentOf(int pid)
    {
        try
        {
            // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may contain spaces, so split after the last ')'.
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static bool IsZombie(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            return stat[stat.LastIndexOf(')') + 2] == 'Z';
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentOutOfRangeException)
        {
            return true;
        }
    }

    private static bool IsRoot => geteuid() == 0;

    private static string? RunuserPath => new[] { "/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser" }.FirstOrDefault(File.Exists);

    /// <summary>A directory holding both initdb and pg_ctl: on PATH first, else the newest /usr/lib/postgresql/&lt;version&gt;/bin.</summary>
    private static string? FindBinDirectory()
    {
        static bool HasTools(string dir) => File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl"));
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(HasTools);
        if (onPath is not null)
        {
            return onPath;
        }

        return Directory.Exists("/usr/lib/postgresql")
            ? Directory.EnumerateDirectories("/usr/lib/postgresql")
                .Select(versionDir => (Version: double.TryParse(Path.GetFileName(versionDir), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : 0, Bin: Path.Combine(versionDir, "bin")))
                .Where(candidate => HasTools(candidate.Bin))
                .OrderByDescending(candidate => candidate.Version)
                .Select(candidate => candidate.Bin)
                .FirstOrDefault()
            : null;
    }

    private static string? FindMissingReason()
    {
        if (FindBinDirectory() is null)
        {
            return "PostgreSQL's initdb and pg_ctl were not found on PATH or under /usr/lib/postgresql/*/bin (apt-get install postgresql; .ci/run installs it)";
        }

        if (IsRoot && (RunuserPath is null || !File.ReadLines("/etc/passwd").Any(line => line.StartsWith("postgres:", StringComparison.Ordinal))))
        {
            return "running as root, and PostgreSQL refuses root: needs the 'postgres' user (created by the Debian postgresql package) and runuser";
        }

        return null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    [DllImport("libc")]
    private static extern uint geteuid();
}
