using Gatho;

namespace TypedEcho;

/// <summary>
/// Answers every <see cref="Shout"/> with an <see cref="Echoed"/> to its sender, and echoes raw text and bytes back
/// unchanged (typed and gatho-style handlers side by side). No glue is written by hand: the generator binds it.
/// </summary>
[GathoRoom("typed-echo")]
[Sends(typeof(Echoed))]
public partial class TypedEchoRoom
{
    // No lock: every callback of a room runs on its one logical thread.
    private long heard;

    [OnMessage]
    private void Shouted(IRoomClient client, Shout shout)
    {
        heard++;
        var text = shout.Volume == Volume.Shout ? shout.Text.ToUpperInvariant() : shout.Text;
        Send(client, new Echoed(shout.Seq, text, client.Id, heard));
    }

    [OnMessage]
    private static void Text(IRoomClient client, string text) => client.Send(text);

    [OnMessage]
    private static void Bytes(IRoomClient client, ReadOnlyMemory<byte> bytes) => client.Send(bytes.Span);
}
