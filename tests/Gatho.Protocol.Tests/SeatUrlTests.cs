using Gatho.Protocol.Urls;

namespace Gatho.Protocol.Tests;

public class SeatUrlTests
{
    [Theory]
    [InlineData("ws://127.0.0.1:53211", "ws://127.0.0.1:53211/?token=T")]
    [InlineData("ws://127.0.0.1:53211/", "ws://127.0.0.1:53211/?token=T")]
    [InlineData("wss://host/8001", "wss://host/8001?token=T")]
    [InlineData("ws://host?region=eu", "ws://host/?region=eu&token=T")]
    [InlineData("ws://host/p?token=old&x=1", "ws://host/p?token=T&x=1")]
    [InlineData("ws://host/p?token=old&x=1&token=older", "ws://host/p?token=T&x=1")]
    public void Seat_url_sets_the_token_keeps_other_parameters_and_adds_a_root_path(string endpoint, string expected)
    {
        Assert.Equal(expected, SeatUrl.Create(endpoint, "T"));
    }

    [Fact]
    public void Connect_url_appends_gv_with_the_right_separator()
    {
        Assert.Equal("ws://h/?token=T&gv=1", SeatUrl.ForConnect("ws://h/?token=T", 1));
        Assert.Equal("ws://h/?gv=2", SeatUrl.ForConnect("ws://h/", 2));
        Assert.Equal("ws://h/?gv=2&a=b", SeatUrl.ForConnect("ws://h/?gv=1&a=b", 2));
    }

    [Fact]
    public void Resume_url_keeps_the_token_and_adds_session_gv_and_ack()
    {
        Assert.Equal("ws://h/?token=T&session=S&gv=1", SeatUrl.ForResume("ws://h/?token=T", "S", 1));
        Assert.Equal("ws://h/?token=T&session=S&gv=2&ack=41", SeatUrl.ForResume("ws://h/?token=T", "S", 2, 41));

        // Resuming twice replaces the earlier values instead of piling up duplicates.
        var again = SeatUrl.ForResume(SeatUrl.ForResume("ws://h/?token=T", "S1", 2, 1), "S2", 2, 9);
        Assert.Equal("ws://h/?token=T&session=S2&gv=2&ack=9", again);
    }

    [Fact]
    public void Values_are_percent_encoded_like_urlsearchparams()
    {
        Assert.Equal("ws://h/?name=a+b%26c%3D%C3%A9", SeatUrl.WithParameter("ws://h/", "name", "a b&c=é"));
        Assert.Equal("a b&c=é", QueryString.Get(SeatUrl.RawQuery("ws://h/?name=a+b%26c%3D%C3%A9"), "name"));
    }

    [Fact]
    public void Raw_query_is_the_text_after_the_first_question_mark()
    {
        Assert.Equal("a=1&b=2?c", SeatUrl.RawQuery("ws://h/p?a=1&b=2?c"));
        Assert.Equal(string.Empty, SeatUrl.RawQuery("ws://h/p"));
        Assert.Equal("a=1", SeatUrl.RawQuery("ws://h/p?a=1#frag"));
    }

    [Fact]
    public void Query_lookup_takes_the_first_occurrence_and_decodes()
    {
        var query = "?gv=1&gv=2&session=abc%20def&flag&empty=";
        Assert.Equal("1", QueryString.Get(query, "gv"));
        Assert.Equal("abc def", QueryString.Get(query, "session"));
        Assert.Equal(string.Empty, QueryString.Get(query, "flag"));
        Assert.Equal(string.Empty, QueryString.Get(query, "empty"));
        Assert.Null(QueryString.Get(query, "token"));
    }

    [Fact]
    public void Malformed_percent_escapes_are_kept_literally()
    {
        Assert.Equal("100%", QueryString.Decode("100%"));
        Assert.Equal("%zz", QueryString.Decode("%zz"));
        Assert.Equal("😀 ok", QueryString.Decode("😀+ok"));
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("/relative/path")]
    [InlineData("ftp://host/")]
    [InlineData("")]
    public void Bad_endpoints_are_argument_errors_naming_the_value(string endpoint)
    {
        var error = Assert.Throws<ArgumentException>(() => SeatUrl.Create(endpoint, "T"));
        Assert.Contains(endpoint, error.Message);
    }

    [Fact]
    public void Empty_tokens_are_argument_errors()
    {
        Assert.Throws<ArgumentException>(() => SeatUrl.Create("ws://h/", string.Empty));
        Assert.Throws<ArgumentException>(() => SeatUrl.ForResume("ws://h/", string.Empty, 2));
    }
}
