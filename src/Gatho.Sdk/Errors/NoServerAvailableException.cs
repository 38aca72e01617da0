using Gatho.Protocol.Errors;

namespace Gatho.Sdk.Errors;

/// <summary>No live server supports the room type (with the requested server tags), so a room cannot be placed.</summary>
public sealed class NoServerAvailableException : GathoException
{
    /// <summary>Creates the error for <paramref name="roomType"/> and the server tags that were required.</summary>
    public NoServerAvailableException(string roomType, IReadOnlyDictionary<string, string> serverTags)
        : base("no-server-available", $"no live server supports room type {roomType}{Describe(serverTags)}")
    {
        RoomType = roomType;
        ServerTags = serverTags;
    }

    /// <summary>The room type that could not be placed.</summary>
    public string RoomType { get; }

    /// <summary>The server tags a server had to have (empty when none were required).</summary>
    public IReadOnlyDictionary<string, string> ServerTags { get; }

    private static string Describe(IReadOnlyDictionary<string, string> tags) =>
        tags.Count == 0 ? string.Empty : " with tags " + string.Join(", ", tags.Select(pair => $"{pair.Key}={pair.Value}"));
}
