// Joins a room from a seat URL, sends a few text and binary messages, waits for the room to echo each one back, then
// leaves. Usage: AotClient <seat-url> [count]. Prints "exchanged <n> messages as <clientId>" and exits 0 on success.
using Gatho.Client;

if (args.Length < 1)
{
    Console.Error.WriteLine("usage: AotClient <seat-url> [count]");
    return 2;
}

var count = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10;
var echoed = 0;
var allEchoed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

await using var client = new GathoClient(args[0]);
client.MessageReceived += message =>
{
    if (Interlocked.Increment(ref echoed) == count * 2)
    {
        allEchoed.TrySetResult();
    }
};
client.Error += error => Console.Error.WriteLine($"error: {error.Message}");

try
{
    await client.ConnectAsync();
}
catch (ClientClosedException closed)
{
    Console.Error.WriteLine($"could not join: {closed.Info}");
    return 1;
}

for (var i = 0; i < count; i++)
{
    client.Send($"hello {i}");
    client.Send(new byte[] { (byte)i, 0xFF });
}

try
{
    await allEchoed.Task.WaitAsync(TimeSpan.FromSeconds(10));
}
catch (TimeoutException)
{
    Console.Error.WriteLine($"only {Volatile.Read(ref echoed)} of {count * 2} messages came back");
    return 1;
}

var info = await client.CloseAsync();
Console.WriteLine($"exchanged {count * 2} messages as {client.ClientId}; closed {info}");
return 0;
