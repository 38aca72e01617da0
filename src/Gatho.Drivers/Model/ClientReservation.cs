using System.Text;

namespace Gatho.Drivers.Model;

/// <summary>
/// A held seat: everything needed to mint its seat token. The driver records only the client; signing the token is
/// the SDK's job, so the driver never needs crypto. This is the one model that carries a room's secret — the
/// driver→SDK path for signing — and its <see cref="object.ToString"/> prints the secret redacted, so logging a
/// reservation does not leak it.
/// </summary>
/// <param name="ClientId">The new client's id (UUID v4).</param>
/// <param name="RoomId">The room the seat is in.</param>
/// <param name="Endpoint">The room's client-facing URL.</param>
/// <param name="RoomSecret">The room's seat-signing secret: never log or return it to a user.</param>
/// <param name="DataJson">The validated join data as compact JSON.</param>
/// <param name="Tags">The validated client tags.</param>
/// <param name="ReservedAt">When the seat was reserved (the driver's clock).</param>
/// <param name="ExpiresAt">When the reservation lapses unless the client connects.</param>
public sealed record ClientReservation(
    string ClientId,
    string RoomId,
    string Endpoint,
    string RoomSecret,
    string DataJson,
    IReadOnlyDictionary<string, string> Tags,
    DateTimeOffset ReservedAt,
    DateTimeOffset ExpiresAt)
{
    /// <summary>What <see cref="object.ToString"/> prints in place of <see cref="RoomSecret"/>.</summary>
    public const string Redacted = "***";

    // The compiler-generated PrintMembers would print every positional property, the secret included.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("ClientId = ").Append(ClientId)
            .Append(", RoomId = ").Append(RoomId)
            .Append(", Endpoint = ").Append(Endpoint)
            .Append(", RoomSecret = ").Append(Redacted)
            .Append(", DataJson = ").Append(DataJson)
            .Append(", Tags = ").Append(Tags)
            .Append(", ReservedAt = ").Append(ReservedAt)
            .Append(", ExpiresAt = ").Append(ExpiresAt);
        return true;
    }
}
