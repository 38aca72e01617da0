using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Gatho.Drivers.Model;
using StackExchange.Redis;
using ClientInfo = Gatho.Drivers.Model.ClientInfo;

namespace Gatho.Drivers.Redis.Records;

/// <summary>Turns the arrays the scripts return (shapes documented in library.lua) into the driver's model records.</summary>
internal static class RedisRecords
{
    public static RoomInfo Room(RedisResult result)
    {
        var f = (RedisResult[])result!;
        var clients = (RedisResult[])f[8]!;
        var clientInfos = new ClientInfo[clients.Length];
        for (var i = 0; i < clients.Length; i++)
        {
            var c = (RedisResult[])clients[i]!;
            var connected = (string?)c[3];
            clientInfos[i] = new ClientInfo(
                (string)c[0]!,
                (string)c[1]! == "connected" ? ClientStatus.Connected : ClientStatus.Reserved,
                TagsFromJson((string?)c[2]),
                string.IsNullOrEmpty(connected) ? null : Time(connected));
        }

        // The script never sends the seat secret with a room: it leaves Redis only in a reservation (issue 17, defect 4).
        var endpoint = (string?)f[4];
        return new RoomInfo(
            (string)f[0]!,
            (string)f[1]!,
            (string)f[2]!,
            Status((string)f[3]!),
            string.IsNullOrEmpty(endpoint) ? null : endpoint,
            clientInfos,
            (string)f[6]!,
            FlatTags(f[7]),
            Time((string)f[5]!))
        {
            MaxClients = string.IsNullOrEmpty((string?)f[9]) ? null : int.Parse((string)f[9]!, CultureInfo.InvariantCulture),
            Locked = (string?)f[10] == "1",
        };
    }

    public static ServerInfo Server(RedisResult result)
    {
        var f = (RedisResult[])result!;
        var rooms = (RedisResult[])f[3]!;
        var types = (RedisResult[])f[5]!;
        return new ServerInfo(
            (string)f[0]!,
            (string?)f[1] ?? string.Empty,
            Time((string?)f[2] ?? "0"),
            rooms.Select(Room).ToArray(),
            FlatTags(f[4]),
            types.Select(type => (string)type!).ToArray());
    }

    public static IReadOnlyList<T> List<T>(RedisResult result, Func<RedisResult, T> read)
    {
        var items = (RedisResult[])result!;
        var list = new T[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            list[i] = read(items[i]);
        }

        return list;
    }

    public static HeartbeatResult Heartbeat(RedisResult result)
    {
        var f = (RedisResult[])result!;
        var desired = ((RedisResult[])f[2]!).Select(item =>
        {
            var d = (RedisResult[])item!;
            return new DesiredRoom((string)d[0]!, (string)d[1]!, (string)d[2]!, Status((string)d[3]!));
        }).ToArray();
        return new HeartbeatResult(FlatTags(f[1]), desired, (long)f[0] == 1);
    }

    public static ImmutableDictionary<string, string> FlatTags(RedisResult result)
    {
        var flat = (RedisResult[])result!;
        var builder = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < flat.Length; i += 2)
        {
            builder[(string)flat[i]!] = (string)flat[i + 1]!;
        }

        return builder.ToImmutable();
    }

    public static RedisValue[] Flatten(IReadOnlyDictionary<string, string> tags)
    {
        var values = new RedisValue[tags.Count * 2];
        var i = 0;
        foreach (var (key, value) in tags.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            values[i++] = key;
            values[i++] = value;
        }

        return values;
    }

    public static string TagsToJson(IReadOnlyDictionary<string, string> tags) => JsonSerializer.Serialize(tags, TagJson.Default.IReadOnlyDictionaryStringString);

    public static ImmutableDictionary<string, string> TagsFromJson(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return ImmutableDictionary.Create<string, string>(StringComparer.Ordinal);
        }

        var parsed = JsonSerializer.Deserialize(json, TagJson.Default.DictionaryStringString) ?? [];
        return parsed.ToImmutableDictionary(StringComparer.Ordinal);
    }

    public static RoomStatus Status(string text) => text == "running" ? RoomStatus.Running : RoomStatus.Requested;

    public static DateTimeOffset Time(string milliseconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds((long)double.Parse(milliseconds, NumberStyles.Float, CultureInfo.InvariantCulture));
}
