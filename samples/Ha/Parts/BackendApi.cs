using Gatho.Drivers.Redis;
using Gatho.Sdk;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ha.Parts;

/// <summary>
/// The backend REST API (gatho's ha backend): <c>GET /api/rooms</c>, <c>GET /api/servers</c>, <c>POST /api/rooms</c>
/// (a ping room on the least-loaded server, plus a seat), <c>POST /api/join {roomId}</c>, <c>POST /api/rooms/{id}/dispose</c>.
/// </summary>
internal static class BackendApi
{
    private sealed record JoinRequest(string? RoomId);

    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string> options)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var driver = new RedisDriver(options.Required("redis"));
        var sdk = new GathoSdk(driver);
        var app = builder.Build();
        var seatTtl = TimeSpan.FromSeconds(60);

        app.MapGet("/api/rooms", async (CancellationToken ct) =>
            (await sdk.GetRoomsAsync(cancellationToken: ct)).Select(r => new { r.RoomId, r.ServerId, r.Endpoint }));
        app.MapGet("/api/servers", async (CancellationToken ct) =>
            (await sdk.GetServersAsync(cancellationToken: ct)).Select(s => new { s.ServerId, s.Endpoint }));
        app.MapPost("/api/rooms", async (CancellationToken ct) =>
        {
            try
            {
                var room = await sdk.CreateRoomOnLeastLoadedServerAsync(PingRoom.RoomType, cancellationToken: ct);
                var seat = await sdk.JoinAsync(room.RoomId, seatTtl, cancellationToken: ct);
                return Results.Json(new { room.RoomId, room.ServerId, seat = new { seat.Url, seat.RoomId } }, statusCode: 201);
            }
            catch (Gatho.Sdk.Errors.NoServerAvailableException e)
            {
                return Results.Json(new { error = e.Message }, statusCode: 503);
            }
        });
        app.MapPost("/api/join", async (JoinRequest request, CancellationToken ct) =>
        {
            if (string.IsNullOrEmpty(request.RoomId) || await sdk.GetRoomAsync(request.RoomId, ct) is null)
            {
                return Results.NotFound(new { error = $"no room {request.RoomId}" });
            }

            var seat = await sdk.JoinAsync(request.RoomId, seatTtl, cancellationToken: ct);
            return Results.Ok(new { seat.Url, seat.RoomId });
        });
        app.MapPost("/api/rooms/{id}/dispose", async (string id, CancellationToken ct) =>
            await sdk.DestroyRoomAsync(id, ct) ? Results.NoContent() : Results.NotFound(new { error = $"no room {id}" }));

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Console.WriteLine($"api listening on {address}");
        await Signals.WaitForStopAsync();
        await app.StopAsync();
        return 0;
    }
}
