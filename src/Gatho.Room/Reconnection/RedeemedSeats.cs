namespace Gatho.Room.Reconnection;

/// <summary>
/// Seat-token ids (<c>jti</c>) this room has admitted, remembered until the token could no longer verify anyway
/// (expiry plus leeway). That makes seat tokens single-use, also after the client left (gatho gap 13).
/// </summary>
internal sealed class RedeemedSeats
{
    private readonly Dictionary<string, DateTimeOffset> expiries = new(StringComparer.Ordinal);
    private DateTimeOffset nextPrune = DateTimeOffset.MinValue;

    /// <summary>Ids remembered right now.</summary>
    public int Count => expiries.Count;

    /// <summary>
    /// Records <paramref name="tokenId"/> as redeemed until <paramref name="forgetAfter"/>. Returns false when it was
    /// redeemed already (the seat is refused).
    /// </summary>
    public bool TryRedeem(string tokenId, DateTimeOffset forgetAfter, DateTimeOffset now)
    {
        PruneIfDue(now);
        if (expiries.TryGetValue(tokenId, out var until) && until >= now)
        {
            return false;
        }

        expiries[tokenId] = forgetAfter;
        return true;
    }

    private void PruneIfDue(DateTimeOffset now)
    {
        // Amortized: sweep at most once a minute, so a join stays O(1) however many seats were redeemed.
        if (now < nextPrune)
        {
            return;
        }

        nextPrune = now.AddMinutes(1);
        List<string>? expired = null;
        foreach (var pair in expiries)
        {
            if (pair.Value < now)
            {
                (expired ??= new List<string>()).Add(pair.Key);
            }
        }

        if (expired is not null)
        {
            foreach (var id in expired)
            {
                expiries.Remove(id);
            }
        }
    }
}
