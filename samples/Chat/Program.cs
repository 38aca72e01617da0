using System.Text.Json;
using Chat;
using Gatho.Drivers.Memory;
using Gatho.Sdk;
using Gatho.Server;
using Gatho.Server.Runners;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

// gatho's chat example in one process. The page: http://127.0.0.1:5180/ (or --urls http://127.0.0.1:0 for any port).
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
});
builder.Logging.SetMinimumLevel(LogLevel.Warning);
if (builder.Configuration["urls"] is null)
{
    builder.WebHost.UseUrls("http://127.0.0.1:5180");
}

// 1. A Gatho server over the in-memory driver, running each chat room inside this process.
var driver = new MemoryDriver();
var logging = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
var server = await GathoServer.StartAsync(new GathoServerOptions
{
    Driver = driver,
    Host = "127.0.0.1",
    Port = 0,
    LoggerFactory = logging,
    Rooms = { [ChatRoom.RoomType] = new InProcessRunner(_ => ChatRoom.Create(), logging) },
});
var sdk = new GathoSdk(driver);
var lobby = new Lobby(sdk, server.ServerId);

// 2. The backend: the page, and a join endpoint that mints a seat in the lobby room for a name.
var app = builder.Build();
app.UseDefaultFiles();
app.UseStaticFiles();
app.MapPost("/api/join", async (JoinRequest request, CancellationToken ct) =>
{
    var name = request.Name?.Trim();
    if (string.IsNullOrEmpty(name) || name.Length > 32)
    {
        return Results.BadRequest(new { error = $"name must be 1 to 32 characters, got {JsonSerializer.Serialize(request.Name)}" });
    }

    var roomId = await lobby.RoomIdAsync(ct);
    var seat = await sdk.JoinAsync(roomId, TimeSpan.FromSeconds(60), JsonSerializer.Serialize(new { name }), cancellationToken: ct);
    return Results.Ok(new { url = seat.Url, roomId, clientId = seat.ClientId });
});

await app.StartAsync();
var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
Console.WriteLine($"Chat is running: open {address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal)}/ in two browser windows (Ctrl+C stops)");
await app.WaitForShutdownAsync();
await server.StopAsync();
await driver.DisposeAsync();
logging.Dispose();

/// <summary>The join request from the page.</summary>
internal sealed record JoinRequest(string? Name);

/// <summary>The one chat room everyone joins, created on the first join.</summary>
internal sealed class Lobby(GathoSdk sdk, string serverId)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private string? roomId;

    public async Task<string> RoomIdAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            roomId ??= (await sdk.CreateRoomAsync(ChatRoom.RoomType, serverId, tags: new Dictionary<string, string> { ["name"] = "lobby" }, cancellationToken: cancellationToken)).RoomId;
            return roomId;
        }
        finally
        {
            gate.Release();
        }
    }
}
