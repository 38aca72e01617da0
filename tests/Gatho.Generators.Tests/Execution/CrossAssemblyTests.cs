using Gatho.Generators.Tests.Support;
using Gatho.Room;
using Microsoft.CodeAnalysis;

namespace Gatho.Generators.Tests.Execution;

/// <summary>
/// The layout users have (DESIGN D5): a room library compiled on its own, and a client project that references only
/// that library's assembly (metadata, where the room's private handlers are not visible) and Gatho.Client. The client
/// stub reads the contract from the room's [Accepts]/[Sends] and talks to the room over a real socket.
/// </summary>
public class CrossAssemblyTests
{
    private const string RoomLibrary = """
        using Gatho;

        namespace Lib;

        public sealed record Order(string Item, int Count);

        public sealed record Receipt(string Item, int Total);

        [GathoRoom("shop")]
        [Sends(typeof(Receipt))]
        public partial class ShopRoom
        {
            private int total;

            [OnMessage]
            private void Ordered(IRoomClient client, Order order)
            {
                total += order.Count;
                Send(client, new Receipt(order.Item, total));
            }
        }
        """;

    private const string ClientLibrary = """
        using Gatho;

        namespace App;

        [GathoClient(typeof(Lib.ShopRoom))]
        public partial class ShopClient;
        """;

    [Fact]
    public async Task A_client_compiled_against_the_room_assembly_gets_the_room_contract_and_talks_to_it()
    {
        var roomImage = Compiler.Generate(Compiler.Compile(Compiler.Unique("ShopRooms"), RoomLibrary)).EmitClean();
        var roomAssembly = Compiler.LoadImage(roomImage);
        var clientCompilation = Compiler.Compile(Compiler.Unique("ShopApp"), new[] { ClientLibrary }, new[] { MetadataReference.CreateFromImage(roomImage) });
        var clientGenerated = Compiler.Generate(clientCompilation);
        var clientAssembly = Compiler.LoadImage(clientGenerated.EmitClean());
        var stub = clientGenerated.Source("App.ShopClient.Client.g.cs");
        Assert.Contains("public bool Send(global::Lib.Order message, bool reliable = true)", stub, StringComparison.Ordinal);
        Assert.Contains("public event global::System.Action<global::Lib.Receipt>? Receipt;", stub, StringComparison.Ordinal);

        var options = new RoomOptions
        {
            Standalone = true,
            Host = "127.0.0.1",
            Port = 0,
            StopOnProcessSignals = false,
            LoggerFactory = ExecRoom.Logging,
            Environment = new Dictionary<string, string?>(),
        };
        await using var host = await RoomHost.StartAsync(options, (IRoomBehavior)Activator.CreateInstance(roomAssembly.GetType("Lib.ShopRoom", true)!)!);
        await using var client = new TypedClientProxy(clientAssembly.GetType("App.ShopClient", true)!, host.Url);
        await client.ConnectAsync().WaitAsync(EventLog.Patience);

        client.Send(Activator.CreateInstance(roomAssembly.GetType("Lib.Order", true)!, "tea", 2)!);
        client.Send(Activator.CreateInstance(roomAssembly.GetType("Lib.Order", true)!, "cake", 3)!);

        await client.Log.WaitAsync("Receipt:Receipt { Item = cake, Total = 5 }");
        Assert.Equal(new[] { "Receipt:Receipt { Item = tea, Total = 2 }", "Receipt:Receipt { Item = cake, Total = 5 }" }, client.Log.Entries);
    }
}
