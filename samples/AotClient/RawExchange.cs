using Gatho.Client;

namespace AotClient;

/// <summary>Text and binary messages through the untyped <see cref="GathoClient"/>, each echoed back by the room.</summary>
internal static class RawExchange
{
    public static async Task<int> RunAsync(string seatUrl, int count)
    {
        var echoed = 0;
        var allEchoed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        await using var client = new GathoClient(seatUrl);
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
    }
}
