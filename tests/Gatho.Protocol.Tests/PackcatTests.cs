using Gatho.Protocol.Packcat;

namespace Gatho.Protocol.Tests;

public class PackcatTests
{
    [Theory]
    [InlineData(0u, "00")]
    [InlineData(1u, "01")]
    [InlineData(127u, "7F")]
    [InlineData(128u, "80 01")]
    [InlineData(300u, "AC 02")]
    [InlineData(16384u, "80 80 01")]
    [InlineData(uint.MaxValue, "FF FF FF FF 0F")]
    public void Varuint_is_unsigned_leb128(uint value, string expected)
    {
        var buffer = new ByteBufferWriter();
        new PackcatWriter(buffer).WriteVarUInt(value);
        Assert.Equal(expected, Hex.Format(buffer.WrittenSpan));
        var reader = new PackcatReader(buffer.WrittenSpan);
        Assert.Equal(value, reader.ReadVarUInt());
        Assert.False(reader.Failed);
        Assert.Equal(0, reader.Remaining);
    }

    [Fact]
    public void Uint16_and_float64_are_little_endian()
    {
        var buffer = new ByteBufferWriter();
        var writer = new PackcatWriter(buffer);
        writer.WriteUInt16(8080);
        writer.WriteFloat64(1.0);
        Assert.Equal("90 1F 00 00 00 00 00 00 F0 3F", Hex.Format(buffer.WrittenSpan));
    }

    [Fact]
    public void Record_writes_all_keys_then_all_values()
    {
        var buffer = new ByteBufferWriter();
        new PackcatWriter(buffer).WriteStringRecord(new Dictionary<string, string> { ["k"] = "v", ["x"] = "y" });
        Assert.Equal("02 01 6B 01 78 01 76 01 79", Hex.Format(buffer.WrittenSpan));
        var reader = new PackcatReader(buffer.WrittenSpan);
        var record = reader.ReadStringRecord();
        Assert.Equal(new Dictionary<string, string> { ["k"] = "v", ["x"] = "y" }, record);
    }

    [Fact]
    public void Record_with_a_repeated_key_is_an_error()
    {
        var reader = new PackcatReader(Hex.Parse("02 01 6B 01 6B 01 76 01 79"));
        reader.ReadStringRecord();
        Assert.Contains("twice", reader.Error);
    }

    [Fact]
    public void Forged_huge_counts_fail_before_allocating()
    {
        var reader = new PackcatReader(Hex.Parse("FF FF FF FF 0F 00"));
        Assert.Equal(0, reader.ReadCount(2));
        Assert.True(reader.Failed);
    }

    [Fact]
    public void Errors_are_sticky_and_later_reads_return_defaults()
    {
        var reader = new PackcatReader(Hex.Parse("80"));
        Assert.Equal(0u, reader.ReadVarUInt());
        var first = reader.Error;
        Assert.Equal(string.Empty, reader.ReadString());
        Assert.Equal(0.0, reader.ReadFloat64());
        Assert.Equal(first, reader.Error);
    }

    [Fact]
    public void Optional_flag_other_than_zero_or_one_is_an_error()
    {
        var reader = new PackcatReader(Hex.Parse("02"));
        reader.ReadOptionalFlag();
        Assert.True(reader.Failed);
    }

    [Fact]
    public void Buffer_writer_grows_and_clears()
    {
        var buffer = new ByteBufferWriter(1);
        var writer = new PackcatWriter(buffer);
        for (var i = 0; i < 100; i++)
        {
            writer.WriteString("abcdefgh");
        }

        Assert.Equal(900, buffer.WrittenCount);
        buffer.Clear();
        Assert.Equal(0, buffer.WrittenCount);
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Advance(1_000_000));
    }
}
