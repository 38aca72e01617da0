using System.Runtime.InteropServices;
using Gatho.Client;

namespace Gatho.Client.MonoHarness;

/// <summary>
/// Joins the room at the seat URL in args[0] and checks, on whatever runtime runs it, that the netstandard2.1 client
/// works: raw text and binary messages both ways (the room echoes), then a cut of the connection (the test resets it when
/// this program prints <c>CUT-ME</c>) and a lossless resume — every message echoed exactly once, in order. Exit code 0
/// on success; the last line says what was seen.
/// </summary>
public static class Program
{
    private const int PerPhase = 100;

    public static async Task<int> Main(string[] args)
    {
        if (args.Length != 1)
        {
            Console.Error.WriteLine("usage: mono Gatho.Client.MonoHarness.dll <seat-url>");
            return 2;
        }

        Console.WriteLine($"runtime: {RuntimeInformation.FrameworkDescription}; Gatho.Client {typeof(GathoClient).Assembly.GetName().Version} from {Path.GetFileName(typeof(GathoClient).Assembly.Location)}");
        var received = new List<string>();
        var gate = new object();
        var dropped = new TaskCompletionSource<ClientDrop>(TaskCreationOptions.RunContinuationsAsynchronously);
        var reconnected = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var errors = 0;
        var client = new GathoClient(args[0], new GathoClientOptions
        {
            Reconnection = new ReconnectionPolicy { InitialDelay = TimeSpan.FromMilliseconds(50), MaxDelay = TimeSpan.FromMilliseconds(500) },
        });
        client.MessageReceived += message =>
        {
            lock (gate)
            {
                received.Add(message.IsText ? message.Text! : "b" + BitConverter.ToInt32(message.Data.ToArray(), 0));
            }
        };
        client.Dropped += drop => dropped.TrySetResult(drop);
        client.Reconnected += () => reconnected.TrySetResult(true);
        client.Error += error =>
        {
            Interlocked.Increment(ref errors);
            Console.Error.WriteLine($"error: {error}");
        };

        try
        {
            await client.ConnectAsync().ConfigureAwait(false);
        }
        catch (ClientClosedException closed)
        {
            Console.WriteLine($"FAIL could not join: {closed.Message}");
            return 1;
        }

        Console.WriteLine($"opened as {client.ClientId} (protocol v{client.ProtocolVersion})");
        SendPhase(client, 0);
        await Until(() => Count(received, gate) >= PerPhase / 2, "half of the first echoes").ConfigureAwait(false);

        // The test resets the TCP connection now, with messages still in flight both ways.
        Console.WriteLine("CUT-ME");
        var drop = await WithTimeout(dropped.Task, "the drop").ConfigureAwait(false);
        Console.WriteLine($"dropped: {drop.Code}");
        SendPhase(client, PerPhase); // buffered while reconnecting, sent after the resume
        await WithTimeout(reconnected.Task, "the resume").ConfigureAwait(false);
        Console.WriteLine($"resumed as {client.ClientId}");
        await Until(() => Count(received, gate) >= 4 * PerPhase, "every echo").ConfigureAwait(false);

        var info = await client.CloseAsync().ConfigureAwait(false);
        string[] seen;
        lock (gate)
        {
            seen = received.ToArray();
        }

        var expected = new List<string>();
        for (var i = 0; i < 2 * PerPhase; i++)
        {
            expected.Add("t" + i);
            expected.Add("b" + i);
        }

        var inOrder = seen.SequenceEqual(expected);
        var duplicated = seen.Length - seen.Distinct().Count();
        Console.WriteLine($"{(inOrder && errors == 0 ? "OK" : "FAIL")} received {seen.Length} of {expected.Count} echoes, in order: {inOrder}, duplicated: {duplicated}, errors: {errors}; closed {info}");
        return inOrder && errors == 0 ? 0 : 1;
    }

    private static void SendPhase(GathoClient client, int first)
    {
        for (var i = first; i < first + PerPhase; i++)
        {
            client.Send("t" + i);
            client.Send(BitConverter.GetBytes(i));
        }
    }

    private static int Count(List<string> received, object gate)
    {
        lock (gate)
        {
            return received.Count;
        }
    }

    private static async Task Until(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out waiting for {what}");
            }

            await Task.Delay(10).ConfigureAwait(false);
        }
    }

    private static async Task<T> WithTimeout<T>(Task<T> task, string what)
    {
        if (await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(30))).ConfigureAwait(false) != task)
        {
            throw new TimeoutException($"timed out waiting for {what}");
        }

        return await task.ConfigureAwait(false);
    }
}
