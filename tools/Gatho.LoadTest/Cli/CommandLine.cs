using System.Globalization;

namespace Gatho.LoadTest.Cli;

/// <summary>The tool's arguments, parsed: <c>gatho-load &lt;scenario&gt; [--option value]…</c> (see <see cref="Usage"/>).</summary>
internal sealed record CommandLine(string Scenario, IReadOnlyDictionary<string, string> Values)
{
    public const string Usage = """
        gatho-load <echo|fanout|idle|churn> [target] [options]

        target (one of):
          --url <ws://host:port/>        a room: standalone, or managed with --secret and --room-id (seat tokens minted here)
          --spawn-room <room.dll|room>   a server in this process (memory driver, subprocess runner) runs the room assembly
                                         or native (NativeAOT) room executable;
                                         one room is created through the SDK, seats come from sdk.JoinAsync
                                         (--room-type, default "load")
          --spawn-standalone <room.dll>  starts the room assembly with --standalone and loads it by URL
          --redis <conn> | --postgres <conn>  the SDK over that driver, with --room-id (a running room) or --room-type and
                                         --server-id (a room is created)
          --pid <n>                      the room's process, when the tool cannot find it (CPU and memory are read from /proc)
        baseline:
          --baseline <Gatho.SignalRBaseline.dll>  also runs the scenario against the SignalR hub and prints ratios
          --baseline-url <http://host:port/hub> [--baseline-pid <n>]
        options:
          --clients N (10)  --ramp 2s (0)  --connect-concurrency N (32)  --messages N (100)  --size BYTES (32)
          --hold 10s  --cycles N (5)  --protocol 1|2 (2)  --client gatho|raw (gatho)  --runs N (1)  --warmup N (0)
          --timeout 120s  --json <file>  --html <file>  --quiet (no progress line)
        """;

    private static readonly HashSet<string> Flags = new(StringComparer.Ordinal) { "quiet" };

    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0].StartsWith("--", StringComparison.Ordinal))
        {
            throw new ArgumentException("the first argument names the scenario (echo, fanout, idle, churn)");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"unexpected argument '{arg}' (options start with --)");
            }

            var name = arg[2..];
            if (Flags.Contains(name))
            {
                values[name] = "true";
                continue;
            }

            if (i + 1 >= args.Count)
            {
                throw new ArgumentException($"option {arg} needs a value");
            }

            values[name] = args[++i];
        }

        return new CommandLine(args[0], values);
    }

    public string? Get(string name) => Values.TryGetValue(name, out var value) ? value : null;

    public bool Has(string name) => Values.ContainsKey(name);

    public int Int(string name, int fallback) => Get(name) is { } v
        ? int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : throw new ArgumentException($"--{name} '{v}' is not a whole number")
        : fallback;

    /// <summary>A duration: <c>500ms</c>, <c>10s</c>, <c>2m</c>, or plain seconds.</summary>
    public TimeSpan Duration(string name, TimeSpan fallback)
    {
        if (Get(name) is not { } v)
        {
            return fallback;
        }

        static double Number(string text, string name, string whole) =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : throw new ArgumentException($"--{name} '{whole}' is not a duration (500ms, 10s, 2m)");

        return v.EndsWith("ms", StringComparison.Ordinal) ? TimeSpan.FromMilliseconds(Number(v[..^2], name, v))
            : v.EndsWith('s') ? TimeSpan.FromSeconds(Number(v[..^1], name, v))
            : v.EndsWith('m') ? TimeSpan.FromMinutes(Number(v[..^1], name, v))
            : TimeSpan.FromSeconds(Number(v, name, v));
    }

    public LoadOptions Options() => new()
    {
        Clients = Int("clients", 10),
        Ramp = Duration("ramp", TimeSpan.Zero),
        ConnectConcurrency = Int("connect-concurrency", 32),
        Messages = Int("messages", 100),
        MessageBytes = Int("size", 32),
        Hold = Duration("hold", TimeSpan.FromSeconds(10)),
        Cycles = Int("cycles", 5),
        ProtocolVersion = Int("protocol", 2),
        Client = Get("client") switch
        {
            null or "gatho" => LoadClientKind.Gatho,
            "raw" => LoadClientKind.Raw,
            var other => throw new ArgumentException($"--client '{other}' is not gatho or raw"),
        },
        Runs = Int("runs", 1),
        Warmup = Int("warmup", 0),
        Timeout = Duration("timeout", TimeSpan.FromMinutes(2)),
    };
}
