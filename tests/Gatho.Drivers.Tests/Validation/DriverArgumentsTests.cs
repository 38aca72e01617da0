using Gatho.Drivers.Validation;
using Gatho.Protocol.Errors;

namespace Gatho.Drivers.Tests.Validation;

public sealed class DriverArgumentsTests
{
    [Theory]
    [InlineData("3f2b8c1e-8f5a-4e8e-9a53-0c1d2e3f4a5b")]
    [InlineData("server_1.eu-west:3000")]
    [InlineData("a")]
    public void Ids_of_safe_characters_are_accepted(string id) => Assert.Equal(id, DriverArguments.Id(id, "roomId"));

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("../escape")]
    [InlineData("a\\b")]
    [InlineData("tab\there")]
    [InlineData("ünïcode")]
    public void Unsafe_ids_are_refused_naming_the_value(string id)
    {
        var error = Assert.Throws<ArgumentException>(() => DriverArguments.Id(id, "roomId"));

        Assert.Equal("roomId", error.ParamName);
        Assert.Contains($"\"{id}\"", error.Message);
    }

    [Fact]
    public void Ids_are_at_most_128_characters()
    {
        DriverArguments.Id(new string('a', 128), "roomId");
        Assert.Throws<ArgumentException>(() => DriverArguments.Id(new string('a', 129), "roomId"));
        Assert.Throws<ArgumentNullException>(() => DriverArguments.Id(null, "roomId"));
    }

    [Fact]
    public void A_ttl_must_be_positive_whole_milliseconds_up_to_a_year()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(1), DriverArguments.Ttl(TimeSpan.FromMilliseconds(1), "ttl"));
        Assert.Equal(TimeSpan.FromDays(365), DriverArguments.Ttl(TimeSpan.FromDays(365), "ttl"));

        var fractional = Assert.Throws<ArgumentOutOfRangeException>(() => DriverArguments.Ttl(TimeSpan.FromTicks(15_000), "ttl"));
        Assert.Contains("1.5ms", fractional.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => DriverArguments.Ttl(TimeSpan.FromDays(365) + TimeSpan.FromMilliseconds(1), "ttl"));
    }

    [Fact]
    public void Json_object_data_is_compacted_and_absent_data_is_an_empty_object()
    {
        Assert.Equal("{}", DriverPayloads.JsonObject(null, 10, "data"));
        Assert.Equal("{}", DriverPayloads.JsonObject("", 10, "data"));
        // Non-ASCII is \u-escaped, exactly as SeatTokenIssuer compacts join data, so both measure the same size.
        Assert.Equal("{\"a\":[1,2],\"b\":{\"c\":\"\\u00E9\"}}", DriverPayloads.JsonObject(" { \"a\" : [ 1, 2 ], \"b\": { \"c\": \"é\" } } ", 100, "data"));
    }

    [Fact]
    public void The_data_limit_counts_utf8_bytes_of_the_compact_form_inclusively()
    {
        // {"c":"éé"} compacts to {"c":"\u00E9\u00E9"} (System.Text.Json escapes non-ASCII by default): 20 bytes.
        var compact = DriverPayloads.JsonObject("{ \"c\": \"éé\" }", 1000, "data");
        var size = System.Text.Encoding.UTF8.GetByteCount(compact);
        Assert.Equal(compact, DriverPayloads.JsonObject(compact, size, "data"));

        var error = Assert.Throws<PayloadTooLargeException>(() => DriverPayloads.JsonObject(compact, size - 1, "data"));
        Assert.Equal(("data", size, size - 1), (error.Field, error.SizeBytes, error.LimitBytes));
    }

    [Fact]
    public void Endpoints_must_be_absolute_urls_with_an_allowed_scheme()
    {
        Assert.Equal("wss://rooms.example.com/r/1", DriverArguments.Endpoint("wss://rooms.example.com/r/1", "endpoint", "ws", "wss"));

        var error = Assert.Throws<ArgumentException>(() => DriverArguments.Endpoint("http://rooms.example.com", "endpoint", "ws", "wss"));
        Assert.Contains("ws/wss", error.Message);
    }
}
