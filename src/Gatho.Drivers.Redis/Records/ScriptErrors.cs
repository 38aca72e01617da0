using System.Globalization;
using Gatho.Drivers.Errors;
using Gatho.Drivers.Model;
using Gatho.Protocol.Errors;
using StackExchange.Redis;

namespace Gatho.Drivers.Redis.Records;

/// <summary>
/// Maps a script's domain refusal (<c>GATHO &lt;CODE&gt; &lt;detail&gt;</c>, returned with <c>redis.error_reply</c>) to the
/// driver's specific exception; other server errors pass through.
/// </summary>
internal static class ScriptErrors
{
    private const string Marker = "GATHO ";

    public static Exception? Translate(RedisServerException error, string subject, int tagLimit)
    {
        var at = error.Message.IndexOf(Marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var words = error.Message[(at + Marker.Length)..].Split(' ', 2);
        var detail = words.Length > 1 ? words[1].Trim() : string.Empty;
        return words[0] switch
        {
            "SERVER_NOT_FOUND" => new ServerNotFoundException(subject),
            "ROOM_NOT_FOUND" => new RoomNotFoundException(subject),
            "ROOM_EXISTS" => new RoomExistsException(subject),
            "ROOM_NOT_RUNNING" => new RoomNotRunningException(subject, detail == "running" ? RoomStatus.Running : RoomStatus.Requested),
            "ROOM_FULL" => new RoomFullException(subject, int.Parse(detail, CultureInfo.InvariantCulture)),
            "ROOM_LOCKED" => new RoomLockedException(subject),
            "TAGS_TOO_LARGE" => new PayloadTooLargeException("tags", int.Parse(detail, CultureInfo.InvariantCulture), tagLimit),
            _ => null,
        };
    }
}
