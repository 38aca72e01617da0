using Ha.Parts;

// Modes (first argument); with none, "all":
//   all [--port 8090]                           redis-server, two servers, the API and the front door; prints the URL
//   server --redis <host:port> --front <port>   a Gatho server hosting "ping" rooms, published via the front door
//   api --redis <host:port>                     the backend REST API (SDK over Redis), on a free loopback port
//   frontdoor --port <port> --api <url> --redis <host:port>   YARP: /api/** → the API, /room/<port>/ → that room, / → the page
var mode = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : "all";
var options = CommandLine.Parse(args.SkipWhile(a => !a.StartsWith('-')).ToArray());
return mode switch
{
    "all" => await Orchestrator.RunAsync(options),
    "server" => await RoomServer.RunAsync(options),
    "api" => await BackendApi.RunAsync(options),
    "frontdoor" => await FrontDoor.RunAsync(options),
    _ => Usage(mode),
};

static int Usage(string mode)
{
    Console.Error.WriteLine($"unknown mode {mode}: use all, server, api or frontdoor");
    return 2;
}
