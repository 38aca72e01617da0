using System.Collections.Immutable;
using Gatho.Drivers.Model;

namespace Gatho.Drivers.Validation;

/// <summary>
/// A <see cref="JoinOrCreateRequest"/> with every field checked and normalized, shared by the drivers so all of them
/// refuse the same input the same way before writing anything.
/// </summary>
/// <param name="NewRoom">The validated registration; its tags already include <see cref="TagsEqual"/>.</param>
/// <param name="TagsEqual">The validated filter tags (empty for any).</param>
/// <param name="SeatTtl">The validated seat TTL.</param>
/// <param name="ClientTags">The validated client tags.</param>
/// <param name="JoinDataJson">The validated join data (compact JSON).</param>
public sealed record MatchRequest(
    RoomRegistration NewRoom,
    ImmutableDictionary<string, string> TagsEqual,
    TimeSpan SeatTtl,
    ImmutableDictionary<string, string> ClientTags,
    string JoinDataJson)
{
    /// <summary>Checks <paramref name="request"/> and returns it normalized.</summary>
    /// <exception cref="ArgumentException">The new room has no capacity, or a field is malformed.</exception>
    public static MatchRequest Validate(JoinOrCreateRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.NewRoom, nameof(request.NewRoom));
        var room = request.NewRoom;
        if (room.MaxClients is null)
        {
            throw new ArgumentException("join-or-create needs a capacity: NewRoom.MaxClients is null", nameof(request));
        }

        var filter = DriverPayloads.TagSet(request.TagsEqual, DriverLimits.MaxRoomTagsBytes);
        var tags = DriverPayloads.TagSet(room.Tags, DriverLimits.MaxRoomTagsBytes).SetItems(filter);
        DriverPayloads.RequireTagsWithin(tags, DriverLimits.MaxRoomTagsBytes);
        var registration = new RoomRegistration(
            DriverArguments.Id(room.RoomId, nameof(room.RoomId)),
            DriverArguments.Id(room.RoomType, nameof(room.RoomType)),
            DriverArguments.Id(room.ServerId, nameof(room.ServerId)),
            DriverArguments.Ttl(room.Ttl, nameof(room.Ttl)),
            DriverPayloads.JsonObject(room.DataJson, DriverLimits.MaxRoomDataBytes, nameof(room.DataJson)),
            tags,
            DriverArguments.Capacity(room.MaxClients, nameof(room.MaxClients)));
        return new MatchRequest(
            registration,
            filter,
            DriverArguments.Ttl(request.SeatTtl, nameof(request.SeatTtl)),
            DriverPayloads.TagSet(request.ClientTags, DriverLimits.MaxClientTagsBytes),
            DriverPayloads.JsonObject(request.JoinDataJson, DriverLimits.MaxJoinDataBytes, nameof(request.JoinDataJson)));
    }
}
