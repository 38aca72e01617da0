using Gatho.Sdk;
using Gatho.Sdk.Matchmaking;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MyGame;

/// <summary>What the match endpoint answers: the room and the seat URL to connect with.</summary>
internal sealed record MatchResponse(string RoomId, string Url);

/// <summary>
/// Your backend: one endpoint, <c>POST /match</c>, that seats a player in the fullest open race room or starts a new
/// two-seat one (join-or-create, atomic in the driver, so any number of backend instances can serve it).
/// </summary>
internal static class Backend
{
    public static async Task<WebApplication> StartAsync(GathoSdk sdk, string url)
    {
        var web = WebApplication.CreateSlimBuilder();
        web.WebHost.UseUrls(url);
        web.Logging.SetMinimumLevel(LogLevel.Warning);
        web.Services.AddSingleton(sdk);
        var backend = web.Build();
        backend.MapPost("/match", async (GathoSdk matchmaker, CancellationToken cancellation) =>
        {
            var seat = await matchmaker.JoinOrCreateAsync(RaceRoom.RoomType, 2, new MatchOptions(), cancellation);
            return new MatchResponse(seat.RoomId, seat.Url);
        });
        await backend.StartAsync();
        return backend;
    }
}
