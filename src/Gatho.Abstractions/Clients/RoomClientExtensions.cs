namespace Gatho;

/// <summary>Conveniences over <see cref="IRoomClient"/>.</summary>
public static class RoomClientExtensions
{
    /// <summary>The client's auth data as <typeparamref name="T"/>.</summary>
    /// <exception cref="InvalidCastException">The data is not a <typeparamref name="T"/>.</exception>
    public static T DataAs<T>(this IRoomClient client) => client.Data is T data
        ? data
        : throw new InvalidCastException($"client {client.Id} data is {client.Data?.GetType().Name ?? "null"}, not {typeof(T).Name}");
}
