using System.Globalization;
using Gatho.Protocol.Errors;

namespace Gatho.Drivers.Errors;

/// <summary>A room did not become running within the time the caller was willing to wait.</summary>
public sealed class RoomTimeoutException : GathoException
{
    /// <summary>Creates the error for <paramref name="roomId"/> after waiting <paramref name="timeout"/>.</summary>
    public RoomTimeoutException(string roomId, TimeSpan timeout)
        : base("room-timeout", $"room {roomId} did not become running within {((long)Math.Ceiling(timeout.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture)}ms")
    {
        RoomId = roomId;
        Timeout = timeout;
    }

    /// <summary>The room that was waited for.</summary>
    public string RoomId { get; }

    /// <summary>How long the caller waited.</summary>
    public TimeSpan Timeout { get; }
}
