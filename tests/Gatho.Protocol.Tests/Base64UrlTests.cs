using Gatho.Protocol.SeatTokens;

namespace Gatho.Protocol.Tests;

public class Base64UrlTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("f", "Zg")]
    [InlineData("fo", "Zm8")]
    [InlineData("foo", "Zm9v")]
    [InlineData("foob", "Zm9vYg")]
    public void Encodes_rfc4648_vectors_without_padding(string text, string expected)
    {
        Assert.Equal(expected, Base64Url.Encode(System.Text.Encoding.ASCII.GetBytes(text)));
        Assert.Equal(text, System.Text.Encoding.ASCII.GetString(Base64Url.TryDecode(expected)!));
    }

    [Fact]
    public void Uses_the_url_alphabet()
    {
        Assert.Equal("-_8", Base64Url.Encode(new byte[] { 0xFB, 0xFF }));
    }

    [Theory]
    [InlineData("Zg==")]
    [InlineData("Z")]
    [InlineData("Zh")]
    [InlineData("Zm+v")]
    [InlineData("Zm/v")]
    [InlineData("é")]
    public void Rejects_padding_bad_characters_lengths_and_trailing_bits(string text)
    {
        Assert.Null(Base64Url.TryDecode(text));
    }

    [Fact]
    public void Round_trips_every_length_up_to_100()
    {
        var random = new Random(7);
        for (var n = 0; n <= 100; n++)
        {
            var data = new byte[n];
            random.NextBytes(data);
            Assert.Equal(data, Base64Url.TryDecode(Base64Url.Encode(data)));
        }
    }
}
