using Gatho.Drivers.Memory;
using Gatho.Room;
using Gatho.Sdk;
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
    // The backend: a room, and a seat for each player.
    var sdk = new GathoSdk(driver);
    var room = await sdk.CreateRoomOnLeastLoadedServerAsync(TicTacToeRoom.RoomType);
    var x = await Player.JoinAsync(await sdk.JoinAsync(room.RoomId, TimeSpan.FromSeconds(30)));
    var o = await Player.JoinAsync(await sdk.JoinAsync(room.RoomId, TimeSpan.FromSeconds(30)));

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

    public static async Task<Player> JoinAsync(Seat seat)
    {
        var player = new Player(seat.Url);
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
