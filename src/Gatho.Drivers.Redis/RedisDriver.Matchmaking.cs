using Gatho.Drivers.Errors;
using Gatho.Drivers.Model;
using Gatho.Drivers.Redis.Records;
using Gatho.Drivers.Validation;
using StackExchange.Redis;

namespace Gatho.Drivers.Redis;

// Matchmaking: each call is one Lua script, so choosing a room, checking its capacity and writing the seat (or the
// new room and its seat) happen atomically across every server and SDK instance.
public sealed partial class RedisDriver
{
    /// <inheritdoc />
    public async Task<MatchedSeat> JoinOrCreateAsync(JoinOrCreateRequest request, CancellationToken cancellationToken = default)
    {
        var match = MatchRequest.Validate(request);
        var room = match.NewRoom;
        var clientId = Guid.NewGuid().ToString();
        var reservedAt = DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
        var filter = RedisRecords.Flatten(match.TagsEqual);
        RedisValue[] head =
        [
            room.RoomType, room.RoomId, room.ServerId, (long)room.Ttl.TotalMilliseconds, room.DataJson, room.MaxClients!.Value,
            clientId, (long)match.SeatTtl.TotalMilliseconds, RedisRecords.TagsToJson(match.ClientTags), filter.Length / 2,
        ];
        RedisResult result;
        try
        {
            result = await RunAsync(scripts.JoinOrCreate, [.. head, .. filter, .. RedisRecords.Flatten(room.Tags!)], cancellationToken, room.RoomId).ConfigureAwait(false);
        }
        catch (ServerNotFoundException)
        {
            throw new ServerNotFoundException(room.ServerId);
        }

        var f = (RedisResult[])result!;
        var roomId = (string)f[0]!;
        var expiresAt = reservedAt + match.SeatTtl;
        var endpoint = (string?)f[3];
        var secret = (string?)f[4];
        var reservation = (string)f[2]! == "running" && !string.IsNullOrEmpty(endpoint) && !string.IsNullOrEmpty(secret)
            ? new ClientReservation(clientId, roomId, endpoint, secret, match.JoinDataJson, match.ClientTags, reservedAt, expiresAt)
            : null;
        return new MatchedSeat(roomId, clientId, (long)f[1] == 1, expiresAt, reservation);
    }

    /// <inheritdoc />
    public async Task<ClientReservation?> GetReservationAsync(string clientId, string? dataJson = null, CancellationToken cancellationToken = default)
    {
        DriverArguments.Id(clientId, nameof(clientId));
        var data = DriverPayloads.JsonObject(dataJson, DriverLimits.MaxJoinDataBytes, nameof(dataJson));
        var now = DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
        var f = (RedisResult[])(await RunAsync(scripts.GetReservation, [clientId], cancellationToken).ConfigureAwait(false))!;
        if (f.Length == 0)
        {
            return null;
        }

        var roomId = (string)f[0]!;
        var status = RedisRecords.Status((string)f[1]!);
        var endpoint = (string?)f[2];
        var secret = (string?)f[3];
        if (status != RoomStatus.Running || string.IsNullOrEmpty(endpoint) || string.IsNullOrEmpty(secret))
        {
            throw new RoomNotRunningException(roomId, status);
        }

        return new ClientReservation(clientId, roomId, endpoint, secret, data, RedisRecords.TagsFromJson((string?)f[4]), now, RedisRecords.Time((string)f[5]!));
    }

    /// <inheritdoc />
    public async Task SetRoomLockedAsync(string roomId, bool locked, CancellationToken cancellationToken = default)
    {
        DriverArguments.Id(roomId, nameof(roomId));
        await RunAsync(scripts.RoomLock, [roomId, locked ? "1" : "0"], cancellationToken, roomId).ConfigureAwait(false);
    }
}
