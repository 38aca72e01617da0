namespace Gatho;

/// <summary>
/// Marks a <c>partial</c> class as a Gatho room of the given type. The Gatho source generator binds the class's
/// attributed methods (<see cref="OnAuthAttribute"/>, <see cref="OnJoinAttribute"/>, <see cref="OnMessageAttribute"/>…)
/// to the runtime without reflection.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class GathoRoomAttribute : Attribute
{
    /// <summary>Declares the room type, e.g. <c>[GathoRoom("counter")]</c>.</summary>
    /// <param name="roomType">The room type servers register runners under.</param>
    public GathoRoomAttribute(string roomType)
    {
        RoomType = roomType;
    }

    /// <summary>The room type servers register runners under.</summary>
    public string RoomType { get; }
}
