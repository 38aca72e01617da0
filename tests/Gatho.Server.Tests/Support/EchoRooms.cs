using Gatho.Room;
using Gatho.Server.Runners;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gatho.Server.Tests.Support;

/// <summary>Real rooms in the test process (<see cref="InProcessRunner"/>): each echoes a text message to its sender.</summary>
internal static class EchoRooms
{
    /// <summary>An in-process echo room runner; <paramref name="onAuth"/> sees every join request.</summary>
    public static InProcessRunner Runner(Action<RunnerContext, AuthRequest>? onAuth = null) =>
        new(context => new RoomCallbacks
        {
            OnAuth = (room, request) =>
            {
                onAuth?.Invoke(context, request);
                return AuthResult.Ok();
            },
            OnMessage = (room, client, message) =>
            {
                // As tests/Gatho.TestRoom: this text makes the room stop itself (gatho's room.stop()).
                if (message.Text == "stop-room")
                {
                    _ = room.StopAsync();
                    return;
                }

                client.Send(message);
            },
        },
        NullLoggerFactory.Instance);
}
