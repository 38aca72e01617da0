using System.Net.Http.Json;
using Gatho.Drivers.Memory;
using Gatho.Room;
using Gatho.Sdk;
using Gatho.Sdk.Matchmaking;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Gatho.Server;
using Gatho.Server.Runners;
using Microsoft.Extensions.Logging;
using TicTacToe;

// The room process: the server starts this program again with "room" and the GATHO_* variables.
if (args is ["room"])
{
    await GathoRoom.RunAsync(new TicTacToeRoom());
    return 0;
}

using var logging = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
await using var driver = new MemoryDriver();
var self = Environment.ProcessPath!;
var runner = Path.GetFileNameWithoutExtension(self) == "dotnet"
    ? Subprocess.Dotnet(typeof(Program).Assembly.Location, new[] { "room" })
    : new Subprocess(self, new[] { "room" }, new SubprocessOptions { Environment = _ => new Dictionary<string, string> { ["GATHO_LOG_LEVEL"] = "warn" } });
var server = await GathoServer.StartAsync(new GathoServerOptions
{
    Driver = driver, Host = "127.0.0.1", Port = 0, LoggerFactory = logging,
    Rooms = { [TicTacToeRoom.RoomType] = runner },
});

try
{
    // The backend: its quick-match endpoint is one join-or-create call. Any number of backend instances can serve it at
    // once: the driver picks the fullest open "classic" room or starts a new two-seat one, atomically.
    var sdk = new GathoSdk(driver);
    var web = WebApplication.CreateSlimBuilder();
    web.WebHost.UseUrls("http://127.0.0.1:0");
    web.Logging.SetMinimumLevel(LogLevel.Warning);
    web.Services.AddSingleton(sdk);
    await using var backend = web.Build();
    backend.MapPost("/match", async (GathoSdk matchmaker, CancellationToken cancellation) =>
    {
        // A first room process starts cold (JIT); on a busy machine that can take longer than the 10 s default wait.
        var options = new MatchOptions { Tags = new Dictionary<string, string> { ["mode"] = "classic" }, Timeout = TimeSpan.FromSeconds(30) };
        var seat = await matchmaker.JoinOrCreateAsync(TicTacToeRoom.RoomType, 2, options, cancellation);
        return new MatchResponse(seat.RoomId, seat.Url);
    });
    await backend.StartAsync();
    using var http = new HttpClient { BaseAddress = new Uri(backend.Urls.First()) };
    async Task<MatchResponse> MatchAsync()
    {
        using var response = await http.PostAsync("/match", null);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<MatchResponse>())!;
    }

    // Two players ask for a quick match and land in the same room.
    var first = await MatchAsync();
    var second = await MatchAsync();
    Console.WriteLine(first.RoomId == second.RoomId ? "both players matched into one room" : "players matched into different rooms");
    var x = await Player.JoinAsync(first.Url);
    var o = await Player.JoinAsync(second.Url);

    // The room locked itself when the second player joined: a third player gets a new room.
    using (var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
    {
        while ((await sdk.GetRoomAsync(first.RoomId, patience.Token))?.Locked != true)
        {
            await Task.Delay(50, patience.Token);
        }
    }

    Console.WriteLine("the room locked itself when the game started");
    var third = await MatchAsync();
    Console.WriteLine(third.RoomId != first.RoomId ? "a third player was matched into a new room" : "a third player was matched into the locked room");

    // X takes the top row while O plays the middle: X wins on its third move.
    var moves = new[] { (x, 0), (o, 4), (x, 1), (o, 5), (x, 2) };
    BoardChanged? last = null;
    foreach (var (player, cell) in moves)
    {
        last = await player.PlayAsync(cell);
    }

    Console.WriteLine($"winner: {last!.Winner}");
    await x.Client.CloseAsync();
    await o.Client.CloseAsync();
    return last.Winner == "X" ? 0 : 1;
}
finally
{
    await server.StopAsync();
}

/// <summary>What the quick-match endpoint answers: the room and the seat URL to connect with.</summary>
internal sealed record MatchResponse(string RoomId, string Url);

/// <summary>One console player: a typed client and the latest board it heard.</summary>
internal sealed class Player
{
    private readonly TaskCompletionSource<string> welcomed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource<BoardChanged> nextBoard = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile int expectedCell;

    private Player(string seatUrl)
    {
        Client = new TicTacToeClient(seatUrl);
        Client.Welcome += welcome => welcomed.TrySetResult(welcome.Mark);
        // Both players hear every board; a player's move is done when a board shows its mark on the cell it played.
        Client.BoardChanged += board =>
        {
            if (board.Cells[expectedCell] == Mark)
            {
                nextBoard.TrySetResult(board);
            }
        };
        Client.MoveRefused += refused => nextBoard.TrySetException(new InvalidOperationException($"move {refused.Cell} refused: {refused.Reason}"));
    }

    public TicTacToeClient Client { get; }

    public string Mark { get; private set; } = "?";

    public static async Task<Player> JoinAsync(string seatUrl)
    {
        var player = new Player(seatUrl);
        await player.Client.ConnectAsync();
        player.Mark = await player.welcomed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Console.WriteLine($"player {player.Mark} joined");
        return player;
    }

    /// <summary>Places a mark and waits for the board the room broadcasts after it.</summary>
    public async Task<BoardChanged> PlayAsync(int cell)
    {
        nextBoard = new TaskCompletionSource<BoardChanged>(TaskCreationOptions.RunContinuationsAsynchronously);
        expectedCell = cell;
        Client.Send(new PlaceMark(cell));
        var board = await nextBoard.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Console.WriteLine($"{Mark} → {cell}: {string.Join("", board.Cells.Select(c => c ?? "."))}");
        return board;
    }
}
