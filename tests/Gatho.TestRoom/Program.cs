using Gatho;
using Gatho.Room;

// Modes (first argument), so tests can provoke each failure a server must handle:
//   echo    (default) managed room from GATHO_*: echoes messages, holds dropped seats for 30 s
//   silent  never dials the notify channel or listens (startup-gate tests)
//   exit    exits at once with code 3 (exits-during-startup tests)
//   abuse   managed room for the abuse suite: echoes "ping:…" text and binary messages starting with 'E', answers
//           "sent?<clientId>" with how many reliable frames it sent that client ("gone" once it left), ignores the rest
// GATHO_TEST_HEARTBEAT_MS shortens the notify heartbeat (default 3 s), so stall tests can use short stall timeouts
// without killing healthy rooms.
var mode = args.Length > 0 ? args[0] : "echo";
switch (mode)
{
    case "silent":
        await Task.Delay(Timeout.Infinite);
        return 0;
    case "exit":
        return 3;
    case "abuse":
        await Gatho.TestRoom.AbuseRoom.RunAsync();
        return 0;
}

// GATHO_TEST_REDIAL_GRACE_MS shortens how long a room redials a lost server before it shuts itself down (default 10 s).
static TimeSpan? Milliseconds(string name) =>
    Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? TimeSpan.FromMilliseconds(int.Parse(value, System.Globalization.CultureInfo.InvariantCulture)) : null;

var defaults = new RoomOptions();
var options = new RoomOptions
{
    HeartbeatInterval = Milliseconds("GATHO_TEST_HEARTBEAT_MS") ?? defaults.HeartbeatInterval,
    NotifyRedialGrace = Milliseconds("GATHO_TEST_REDIAL_GRACE_MS") ?? defaults.NotifyRedialGrace,
};
await GathoRoom.RunAsync(options, new RoomCallbacks
{
    OnMessage = (room, client, message) =>
    {
        if (message.Text == "stop-room")
        {
            _ = room.StopAsync();
            return;
        }

        client.Send(message);
    },
    OnDrop = (room, client, code) => client.AllowReconnection(TimeSpan.FromSeconds(30)),
});
return 0;
