using Gatho.Protocol.Errors;
using Gatho.Protocol.Notify;
using Gatho.Protocol.Tags;
using Gatho.Room.Runtime;

namespace Gatho.Room.Listing;

/// <summary>
/// How the room steers its own listing (issue 12): its lock and the tag changes room code makes, sent to the server
/// over the notify channel as they happen (the server writes them to the driver), so SDK queries and join-or-create see
/// them without waiting for a heartbeat. Room thread only. In standalone mode there is no server: the lock is kept
/// locally and tag changes go nowhere.
/// </summary>
internal sealed class RoomListing
{
    /// <summary>Room tags may serialize to at most this many bytes (the drivers' limit for the merged set).</summary>
    public const int MaxTagsBytes = 512;

    private INotifySink? notify;

    /// <summary>True while locked.</summary>
    public bool IsLocked { get; private set; }

    /// <summary>Binds the notify channel (managed mode) when the room starts.</summary>
    public void Attach(INotifySink? sink) => notify = sink;

    public void SetTags(IReadOnlyDictionary<string, string> tags)
    {
        if (tags is null)
        {
            throw new ArgumentNullException(nameof(tags));
        }

        TagRules.Validate(tags);
        var size = TagRules.SerializedSize(tags);
        if (size > MaxTagsBytes)
        {
            throw new InvalidTagException($"room tags are {size} bytes serialized, over the {MaxTagsBytes}-byte limit");
        }

        if (tags.Count > 0)
        {
            notify?.Send(new RoomTagsNotify(new Dictionary<string, string>(tags, StringComparer.Ordinal), []));
        }
    }

    public void RemoveTags(IEnumerable<string> keys)
    {
        if (keys is null)
        {
            throw new ArgumentNullException(nameof(keys));
        }

        var list = new List<string>();
        foreach (var key in keys)
        {
            TagRules.ValidateKey(key ?? throw new ArgumentNullException(nameof(keys), "a tag key is null"));
            list.Add(key);
        }

        if (list.Count > 0)
        {
            notify?.Send(new RoomTagsNotify(new Dictionary<string, string>(StringComparer.Ordinal), list));
        }
    }

    public void SetLocked(bool locked)
    {
        if (IsLocked == locked)
        {
            return;
        }

        IsLocked = locked;
        notify?.Send(new RoomLockNotify(locked));
    }
}
