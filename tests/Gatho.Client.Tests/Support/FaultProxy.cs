using System.Net;
using System.Net.Sockets;

namespace Gatho.Client.Tests.Support;

/// <summary>What the proxy does with traffic.</summary>
internal enum ProxyMode
{
    /// <summary>Bytes flow both ways.</summary>
    Forward,

    /// <summary>Connections stay up but nothing is forwarded (the proxy stops reading): a stalled path.</summary>
    Stall,

    /// <summary>Connections are accepted and every byte is read and thrown away; nothing reaches the room.</summary>
    Blackhole,
}

/// <summary>
/// A loopback TCP proxy between a client and a real room that can break the path the ways networks do: cut every
/// connection (RST both sides), stall it, or blackhole it. Listens on 127.0.0.1 only.
/// </summary>
internal sealed class FaultProxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly int upstreamPort;
    private readonly object gate = new();
    private readonly List<Link> links = new();
    private readonly CancellationTokenSource stop = new();
    private TaskCompletionSource flowing = NewFlowing(open: true);
    private ProxyMode mode = ProxyMode.Forward;

    public FaultProxy(int upstreamPort)
    {
        this.upstreamPort = upstreamPort;
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _ = AcceptLoopAsync();
    }

    public int Port { get; }

    /// <summary>Connections accepted so far.</summary>
    public int Accepted => Volatile.Read(ref accepted);

    /// <summary>Connections currently open (client side).</summary>
    public int OpenLinks
    {
        get
        {
            lock (gate)
            {
                return links.Count(l => !l.Closed);
            }
        }
    }

    public EventLog Log { get; } = new();

    private int accepted;

    /// <summary><paramref name="url"/> (a room URL) pointed at this proxy instead.</summary>
    public string Route(string url) => url.Replace($":{upstreamPort}/", $":{Port}/", StringComparison.Ordinal);

    public ProxyMode Mode
    {
        get
        {
            lock (gate)
            {
                return mode;
            }
        }

        set
        {
            lock (gate)
            {
                mode = value;
                if (value == ProxyMode.Forward)
                {
                    flowing.TrySetResult();
                }
                else if (flowing.Task.IsCompleted)
                {
                    flowing = NewFlowing(open: false);
                }
            }
        }
    }

    /// <summary>Resets every open connection on both sides (TCP RST), as a dead NAT or a pulled cable followed by a reset would.</summary>
    public int Cut()
    {
        Link[] current;
        lock (gate)
        {
            current = links.ToArray();
            links.Clear();
        }

        foreach (var link in current)
        {
            link.Reset();
        }

        Log.Add("cut");
        return current.Length;
    }

    public async ValueTask DisposeAsync()
    {
        stop.Cancel();
        listener.Stop();
        Cut();
        await Task.CompletedTask;
    }

    private static TaskCompletionSource NewFlowing(bool open)
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (open)
        {
            source.TrySetResult();
        }

        return source;
    }

    private async Task AcceptLoopAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync(stop.Token);
            }
            catch (Exception)
            {
                return;
            }

            Interlocked.Increment(ref accepted);
            Log.Add("accept");
            _ = HandleAsync(client);
        }
    }

    private async Task HandleAsync(Socket client)
    {
        client.NoDelay = true;
        var link = new Link(client);
        lock (gate)
        {
            links.Add(link);
        }

        if (Mode == ProxyMode.Blackhole)
        {
            await DiscardAsync(link, client);
            return;
        }

        var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        link.Upstream = upstream;
        try
        {
            await upstream.ConnectAsync(new IPEndPoint(IPAddress.Loopback, upstreamPort), stop.Token);
        }
        catch (Exception)
        {
            link.Reset();
            return;
        }

        await Task.WhenAll(PumpAsync(link, client, upstream), PumpAsync(link, upstream, client));
        link.Reset();
        Log.Add("closed");
    }

    private async Task PumpAsync(Link link, Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                Task gateTask;
                ProxyMode now;
                lock (gate)
                {
                    gateTask = flowing.Task;
                    now = mode;
                }

                if (now == ProxyMode.Stall)
                {
                    // Stop reading: the sender's TCP window fills and nothing arrives on the other side.
                    await gateTask.WaitAsync(stop.Token);
                    continue;
                }

                var read = await from.ReceiveAsync(buffer, SocketFlags.None, stop.Token);
                if (read == 0)
                {
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }

                if (Mode == ProxyMode.Blackhole)
                {
                    continue;
                }

                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, stop.Token);
            }
        }
        catch (Exception)
        {
            link.Reset();
        }
    }

    private async Task DiscardAsync(Link link, Socket client)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (await client.ReceiveAsync(buffer, SocketFlags.None, stop.Token) > 0)
            {
            }
        }
        catch (Exception)
        {
        }

        link.Reset();
        Log.Add("discard-closed");
    }

    private sealed class Link
    {
        private int closed;

        public Link(Socket client)
        {
            Client = client;
        }

        public Socket Client { get; }

        public Socket? Upstream { get; set; }

        public bool Closed => Volatile.Read(ref closed) != 0;

        public void Reset()
        {
            if (Interlocked.Exchange(ref closed, 1) != 0)
            {
                return;
            }

            Rst(Client);
            if (Upstream is { } upstream)
            {
                Rst(upstream);
            }
        }

        private static void Rst(Socket socket)
        {
            try
            {
                // Linger 0 turns close into a RST: both ends see "connection reset", no FIN, no close frame.
                socket.LingerState = new LingerOption(true, 0);
                socket.Close();
            }
            catch (Exception)
            {
            }
        }
    }
}
