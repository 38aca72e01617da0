using System.Net.Sockets;
using Gatho.Protocol.Errors;
using Gatho.Protocol.Notify;

namespace Gatho.Protocol.Tests;

/// <summary>The notify read loop over a real Unix socket pair.</summary>
public sealed class NotifyStreamTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("gns-").FullName;

    [Fact]
    public async Task Frames_split_and_merged_across_writes_come_out_whole_and_in_order_until_the_peer_closes()
    {
        var (reader, writer) = await PairAsync();
        var frames = new[] { new ReadyNotify(4242), new ErrorNotify("boom"), (NotifyMessage)StoppedNotify.Instance }
            .SelectMany(NotifyCodec.EncodeFrame).ToArray();
        var received = new List<NotifyMessage>();
        var reading = NotifyStream.ReadFramesAsync(reader, 1024, payload => { received.Add(NotifyCodec.Decode(payload.Span)); return Task.CompletedTask; }, CancellationToken.None);

        await writer.SendAsync(frames.AsMemory(0, 3), SocketFlags.None);   // half a length prefix
        await writer.SendAsync(frames.AsMemory(3), SocketFlags.None);      // the rest: three frames at once
        writer.Shutdown(SocketShutdown.Send);
        await reading.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(new NotifyMessage[] { new ReadyNotify(4242), new ErrorNotify("boom"), StoppedNotify.Instance }, received);
        reader.Dispose();
        writer.Dispose();
    }

    [Fact]
    public async Task A_frame_over_the_bound_is_a_protocol_error()
    {
        var (reader, writer) = await PairAsync();
        await writer.SendAsync(new byte[] { 0, 0, 4, 1 }, SocketFlags.None); // announces 1025 bytes

        await Assert.ThrowsAsync<GathoProtocolException>(() => NotifyStream.ReadFramesAsync(reader, 1024, _ => Task.CompletedTask, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)));
        reader.Dispose();
        writer.Dispose();
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private async Task<(Socket Reader, Socket Writer)> PairAsync()
    {
        var path = Path.Combine(directory, "s");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(1);
        var writer = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await writer.ConnectAsync(new UnixDomainSocketEndPoint(path));
        var reader = await listener.AcceptAsync();
        return (reader, writer);
    }
}
