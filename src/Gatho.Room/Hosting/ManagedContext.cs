using System.Globalization;
using System.Text.Json;
using Gatho.Protocol.Hosting;

namespace Gatho.Room.Hosting;

/// <summary>
/// Who this room is and how it is managed, resolved from <see cref="RoomOptions"/> with <c>GATHO_*</c> fallbacks.
/// Fails closed: a room with neither a managed context nor <c>Standalone = true</c> refuses to start, and so does a
/// managed room without a secret (gatho silently accepted unauthenticated clients then: gap 16).
/// </summary>
internal sealed record ManagedContext(
    bool Standalone,
    string RoomId,
    string RoomType,
    string? ServerId,
    string? RoomSecret,
    string? NotifySocket,
    string DataJson,
    string Host,
    int Port)
{
    public static ManagedContext Resolve(RoomOptions options)
    {
        string? Env(string name) => options.Environment is { } env
            ? (env.TryGetValue(name, out var value) ? value : null)
            : System.Environment.GetEnvironmentVariable(name);

        var host = options.Host ?? NonEmpty(Env(GathoEnvironment.RoomHost)) ?? "127.0.0.1";
        var port = options.Port ?? ParsePort(Env(GathoEnvironment.RoomPort));
        if (port is < 0 or > 65535)
        {
            throw new RoomConfigurationException($"room port {port} is outside 0-65535");
        }

        var data = ValidateData(options.DataJson ?? NonEmpty(Env(GathoEnvironment.RoomData)) ?? "{}");
        if (options.Standalone)
        {
            return new ManagedContext(true, options.RoomId ?? NewId(), options.RoomType ?? "room", null, null, null, data, host, port);
        }

        var secret = NonEmpty(options.RoomSecret) ?? NonEmpty(Env(GathoEnvironment.RoomSecret));
        var notify = NonEmpty(options.NotifySocket) ?? NonEmpty(Env(GathoEnvironment.NotifySocket));
        if (secret is null && notify is null)
        {
            throw new RoomConfigurationException(
                "no managed server context detected: a room spawned by a Gatho server gets GATHO_ROOM_SECRET and " +
                "GATHO_NOTIFY_SOCKET; for local development pass RoomOptions { Standalone = true }");
        }

        if (secret is null)
        {
            throw new RoomConfigurationException(
                $"managed room has a notify channel ({notify}) but no room secret: set GATHO_ROOM_SECRET or " +
                "RoomOptions.RoomSecret; refusing to start rather than accept unauthenticated clients");
        }

        return new ManagedContext(
            false,
            NonEmpty(options.RoomId) ?? NonEmpty(Env(GathoEnvironment.RoomId)) ?? NewId(),
            NonEmpty(options.RoomType) ?? NonEmpty(Env(GathoEnvironment.RoomType)) ?? "room",
            NonEmpty(options.ServerId) ?? NonEmpty(Env(GathoEnvironment.ServerId)),
            secret,
            notify,
            data,
            host,
            port);
    }

    private static string NewId() => Guid.NewGuid().ToString();

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static int ParsePort(string? raw)
    {
        if (string.IsNullOrEmpty(raw))
        {
            return 0;
        }

        return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            ? port
            : throw new RoomConfigurationException($"{GathoEnvironment.RoomPort} \"{raw}\" is not a port number");
    }

    private static string ValidateData(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new RoomConfigurationException($"room data must be a JSON object, got {document.RootElement.ValueKind}");
            }

            return json;
        }
        catch (JsonException e)
        {
            throw new RoomConfigurationException($"room data is not valid JSON: {e.Message}");
        }
    }
}
