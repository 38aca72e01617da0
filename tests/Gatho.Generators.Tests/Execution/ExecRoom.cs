using System.Buffers;
using Gatho.Generators.Tests.Support;
using Gatho.Typed;
using MessagePack;
using Microsoft.Extensions.Logging;

namespace Gatho.Generators.Tests.Execution;

/// <summary>
/// The execution tests' room and client (Sources.Exec over Sources.Kinds), compiled from source once per test run,
/// generated, emitted and loaded; plus the payloads a misbehaving client sends.
/// </summary>
internal static class ExecRoom
{
    public const string Room = "Exec.ExecRoom";
    public const string Client = "Exec.ExecClient";

    private static readonly Lazy<LoadedAssembly> Compiled = new(() =>
    {
        var (assembly, generated) = Compiler.Load("Exec", Sources.Kinds, Sources.Exec);
        return new LoadedAssembly(assembly, generated);
    });

    public static LoadedAssembly Loaded => Compiled.Value;

    public static IMessageContract Contract => Loaded.Contract(Room);

    public static ILoggerFactory Logging { get; } = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Warning));

    public static object Ping(int n, string text) => Loaded.New("Exec.Ping", n, text);

    public static object Everything() => Loaded.Static("Kinds.Everything", "Sample")!;

    public static string Describe(object everything) => (string)LoadedAssembly.Call(everything, "Describe")!;

    /// <summary>The id of a loaded message type, from the room's generated contract.</summary>
    public static uint IdOf(string typeName) => Contract.IdOf(Loaded.Type(typeName)) ?? throw new InvalidOperationException($"{typeName} is not in the contract");

    /// <summary>Binary payloads a client may send that the room must refuse, with what the close reason must name.</summary>
    public static (byte[] Payload, string Reason) BadPayload(string kind) => kind switch
    {
        "unknown id" => (Envelope(999_999, (ref MessagePackWriter w) => w.WriteArrayHeader(0)), "999999"),
        "undecodable body" => (Envelope(IdOf("Exec.Ping"), (ref MessagePackWriter w) =>
        {
            w.WriteArrayHeader(2);
            w.Write("not a number");
            w.Write("text");
        }), IdOf("Exec.Ping").ToString(System.Globalization.CultureInfo.InvariantCulture)),
        "truncated body" => (Envelope(IdOf("Exec.Ping"), (ref MessagePackWriter w) => w.WriteArrayHeader(2)), IdOf("Exec.Ping").ToString(System.Globalization.CultureInfo.InvariantCulture)),
        "not an envelope" => (new byte[] { 0x01, 0x02, 0x03 }, "not a typed message"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no such bad payload"),
    };

    private delegate void BodyWriter(ref MessagePackWriter writer);

    private static byte[] Envelope(uint id, BodyWriter body)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        writer.WriteArrayHeader(2);
        writer.Write(id);
        body(ref writer);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }
}
