using Gatho.Client;

// gatho-session-harness <seat-url> <messages>
// Prints "SESSION <session string>" whenever the room issues a session, "GOT <text>" per message, "READY" once the room
// has echoed every message sent, then waits until the test kills it. Exit 2: the client closed, with the reason.
if (args.Length != 2 || !int.TryParse(args[1], out var count))
{
    Console.Error.WriteLine("usage: Gatho.Client.SessionHarness <seat-url> <messages>");
    return 64;
}

await using var client = new GathoClient(args[0]);
var echoed = 0;
var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
client.SessionChanged += session => Console.WriteLine($"SESSION {session}");
client.MessageReceived += message =>
{
    Console.WriteLine($"GOT {message.Text}");
    if (++echoed == count)
    {
        ready.TrySetResult();
    }
};

try
{
    await client.ConnectAsync();
}
catch (ClientClosedException error)
{
    Console.WriteLine($"CLOSED {error.Info}");
    return 2;
}

for (var i = 1; i <= count; i++)
{
    client.Send($"before-{i}");
}

var outcome = await Task.WhenAny(ready.Task, client.Completion);
if (outcome != ready.Task)
{
    Console.WriteLine($"CLOSED {client.Completion.Result}");
    return 2;
}

Console.WriteLine("READY");
await client.Completion;
return 0;
