using Gatho.Drivers.Model;

namespace Gatho.Sdk.Placement;

/// <summary>
/// Picks the server with the fewest rooms (requested and running both count, since a requested room is about to
/// load its server). Ties go to the lowest server id, so placement is deterministic.
/// </summary>
public static class LeastLoadedPlacement
{
    /// <summary>The least-loaded of <paramref name="candidates"/>, or null when there are none.</summary>
    public static ServerInfo? Choose(IEnumerable<ServerInfo> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        return candidates
            .OrderBy(server => server.Rooms.Count)
            .ThenBy(server => server.ServerId, StringComparer.Ordinal)
            .FirstOrDefault();
    }
}
