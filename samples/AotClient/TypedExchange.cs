using Gatho;
using Gatho.Client;
using TypedEcho;

namespace AotClient;

/// <summary>The generated typed client of <see cref="TypedEchoRoom"/>: <c>Send(Shout)</c> and an <c>Echoed</c> event.</summary>
[GathoClient(typeof(TypedEchoRoom))]
internal sealed partial class TypedEchoClient;

/// <summary>
/// Typed messages both ways: <c>count</c> <see cref="Shout"/> records out, and for each one the room's
/// <see cref="Echoed"/> back, checked field by field (so a record that lost or garbled a member on either side fails).
/// </summary>
internal static class TypedExchange
{
    public static async Task<int> RunAsync(string url, int count)
    {
        var answers = new Echoed?[count];
        var answered = 0;
        var problems = new List<string>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        await using var client = new TypedEchoClient(url);
        client.Echoed += echoed =>
        {
            lock (problems)
            {
                if (echoed.Seq < 0 || echoed.Seq >= count || answers[echoed.Seq] is not null)
                {
                    problems.Add($"unexpected answer {echoed}");
                }
                else
                {
                    answers[echoed.Seq] = echoed;
                }
            }

            if (Interlocked.Increment(ref answered) == count)
            {
                done.TrySetResult();
            }
        };
        client.InvalidMessage += (message, error) => Fail(problems, $"undecodable message {message}: {error.Message}");
        client.OtherMessageReceived += message => Fail(problems, $"untyped message {message}");
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
            var volume = i % 2 == 0 ? Volume.Shout : Volume.Whisper;
            var from = i % 3 == 0 ? null : new Speaker("aot", new List<string> { "n" + i });
            client.Send(new Shout(i, $"hello {i}", volume, from));
        }

        try
        {
            await done.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            Console.Error.WriteLine($"only {Volatile.Read(ref answered)} of {count} typed answers came back");
            return 1;
        }

        for (var i = 0; i < count; i++)
        {
            var expected = i % 2 == 0 ? $"HELLO {i}" : $"hello {i}";
            if (answers[i] is not { } answer || answer.Text != expected || answer.ClientId != client.ClientId || answer.Heard < 1)
            {
                Fail(problems, $"answer {i} is {answers[i]}, expected text \"{expected}\" for {client.ClientId}");
            }
        }

        var info = await client.CloseAsync();
        lock (problems)
        {
            foreach (var problem in problems)
            {
                Console.Error.WriteLine(problem);
            }

            if (problems.Count > 0)
            {
                return 1;
            }
        }

        Console.WriteLine($"exchanged {count * 2} typed messages as {client.ClientId}; closed {info}");
        return 0;
    }

    private static void Fail(List<string> problems, string problem)
    {
        lock (problems)
        {
            problems.Add(problem);
        }
    }
}
