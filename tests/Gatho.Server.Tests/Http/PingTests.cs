using System.Net;
using Gatho.Server.Tests.Support;

namespace Gatho.Server.Tests.Http;

/// <summary>The server's own HTTP endpoint (gatho-behaviour §7.1, e2e "ping"): liveness for load balancers and humans.</summary>
public sealed class PingTests
{
    private static readonly HttpClient Http = new() { Timeout = Wait.Patience };

    [Fact]
    public async Task Ping_answers_pong_in_plain_text_health_answers_json_anything_else_is_404()
    {
        await using var cluster = new TestCluster();
        var server = await cluster.StartServerAsync();

        using var ping = await Http.GetAsync(server.Endpoint + "/ping");
        Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
        Assert.Equal("text/plain", ping.Content.Headers.ContentType?.MediaType);
        Assert.Equal("pong", await ping.Content.ReadAsStringAsync());

        using var health = await Http.GetAsync(server.Endpoint + "/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("application/json", health.Content.Headers.ContentType?.MediaType);
        Assert.Equal("{\"status\":\"ok\"}", await health.Content.ReadAsStringAsync());

        foreach (var path in new[] { "/", "/pong", "/health/x", "/ping/" })
        {
            using var missing = await Http.GetAsync(server.Endpoint + path);
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        using var post = await Http.PostAsync(server.Endpoint + "/ping", null);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
    }

    [Fact]
    public async Task The_endpoint_published_in_the_driver_is_a_usable_http_url()
    {
        await using var cluster = new TestCluster();
        var server = await cluster.StartServerAsync();

        var published = Assert.Single(await cluster.Sdk.GetServersAsync()).Endpoint;

        Assert.Equal($"http://127.0.0.1:{server.Address.Port}", published);
        Assert.Equal(server.Endpoint, published);
        Assert.Equal("pong", await Http.GetStringAsync(new Uri(new Uri(published), "/ping")));
    }

    [Fact]
    public async Task ServerEndpoint_overrides_what_is_published()
    {
        await using var cluster = new TestCluster();
        var server = await cluster.StartServerAsync(o => o.ServerEndpoint = "https://game-7.example.net:8443");

        Assert.Equal("https://game-7.example.net:8443", server.Endpoint);
        Assert.Equal("https://game-7.example.net:8443", (await cluster.Sdk.GetServersAsync()).Single().Endpoint);

        // The listener itself is where it was bound.
        Assert.Equal("pong", await Http.GetStringAsync($"http://127.0.0.1:{server.Address.Port}/ping"));
    }
}
