using Gatho;
using Gatho.Room;

// Standalone mode accepts every connection: local development only. Port 8080, or the first argument.
var port = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 8080;

await GathoRoom.RunAsync(
    new RoomOptions { Standalone = true, Port = port },
    new RoomCallbacks
    {
        // Text comes back as text, bytes as bytes: the frame type byte carries the kind end to end.
        OnMessage = (room, client, message) => client.Send(message),
    });
