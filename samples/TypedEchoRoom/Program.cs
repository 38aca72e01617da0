using Gatho.Room;
using TypedEcho;

// Standalone mode accepts every connection: local development only. Port 8080, or the first argument (0: any free
// port, logged as "listening on port N").
var port = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 8080;

await GathoRoom.RunAsync(new RoomOptions { Standalone = true, Port = port }, new TypedEchoRoom());
