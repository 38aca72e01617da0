// Joins a room and exchanges messages, then leaves. Two modes:
//   AotClient <seat-url> [count]        raw: sends text and binary messages, waits for the room to echo each one back
//                                       (tests/Gatho.TestRoom); prints "exchanged <n> messages as <clientId>".
//   AotClient typed <room-url> [count]  typed: sends Shout records through the generated TypedEchoClient and waits for
//                                       the Echoed answers of samples/TypedEchoRoom; prints "exchanged <n> typed
//                                       messages as <clientId>".
// Exits 0 on success.
using AotClient;

if (args.Length < 1 || (args[0] == "typed" && args.Length < 2))
{
    Console.Error.WriteLine("usage: AotClient <seat-url> [count] | AotClient typed <room-url> [count]");
    return 2;
}

var typed = args[0] == "typed";
var rest = typed ? args[1..] : args;
var count = rest.Length > 1 ? int.Parse(rest[1], System.Globalization.CultureInfo.InvariantCulture) : 10;
return typed ? await TypedExchange.RunAsync(rest[0], count) : await RawExchange.RunAsync(rest[0], count);
