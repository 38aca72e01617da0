using System.Text;

namespace Gatho.Typed;

/// <summary>How message ids are made (DESIGN D11); the generator computes the same at compile time.</summary>
public static class MessageIds
{
    private const uint OffsetBasis = 2166136261;
    private const uint Prime = 16777619;

    /// <summary>
    /// FNV-1a 32-bit over the UTF-8 bytes of a type's full metadata name (<c>Game.Rooms.PlaceMark</c>; nested types
    /// as <c>Outer+Inner</c>): the id of a message type without <c>[GathoMessage(Id = …)]</c>.
    /// </summary>
    public static uint Of(string fullMetadataName)
    {
        if (fullMetadataName is null)
        {
            throw new ArgumentNullException(nameof(fullMetadataName));
        }

        var hash = OffsetBasis;
        foreach (var b in Encoding.UTF8.GetBytes(fullMetadataName))
        {
            hash = unchecked((hash ^ b) * Prime);
        }

        return hash;
    }
}
