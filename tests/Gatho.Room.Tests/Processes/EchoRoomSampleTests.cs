using System.Diagnostics;
using System.Text.RegularExpressions;
using Gatho.Protocol.Framing;
using Gatho.Room.Tests.Support;

namespace Gatho.Room.Tests.Processes;

// The README's two-file standalone room (samples/EchoRoom), run as its own process, echoing gatho v1 frames to a plain
// ClientWebSocket.
public partial class EchoRoomSampleTests
{
    [Fact]
    public async Task The_two_file_sample_echoes_text_and_binary_over_v1_frames()
    {
        var bin = AppContext.BaseDirectory;
        var marker = Path.Combine("tests", "Gatho.Room.Tests") + Path.DirectorySeparatorChar;
        var index = bin.LastIndexOf(marker, StringComparison.Ordinal);
        var sample = Path.Combine(bin[..index], "samples", "EchoRoom", bin[(index + marker.Length)..], "EchoRoom.dll");
        Assert.True(File.Exists(sample), sample);

        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(sample);
        info.ArgumentList.Add("0");
        using var process = Process.Start(info)!;
        try
        {
            var port = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            process.OutputDataReceived += (_, line) =>
            {
                if (line.Data is { } text && ListeningOn().Match(text) is { Success: true } match)
                {
                    port.TrySetResult(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
                }
            };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            await using var client = await WireClient.ConnectAsync($"ws://127.0.0.1:{await port.Task.WaitAsync(WireClient.Patience)}/?gv=1");
            await client.SessionAsync();
            await client.SendFrameAsync(new byte[] { 0x01, 0x68, 0x69 });
            var text = await client.FrameAsync();
            Assert.Equal((FrameType.Text, "hi"), (text.Type, text.Text));
            await client.SendFrameAsync(new byte[] { 0x02, 0xDE, 0xAD });
            var binary = await client.FrameAsync();
            Assert.Equal(FrameType.Binary, binary.Type);
            Assert.Equal(new byte[] { 0xDE, 0xAD }, binary.Payload);
        }
        finally
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    [GeneratedRegex("listening on port ([0-9]+)")]
    private static partial Regex ListeningOn();
}
