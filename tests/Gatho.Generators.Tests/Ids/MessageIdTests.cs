using System.Globalization;
using Gatho.Generators.Parsing;
using Gatho.Generators.Tests.Support;
using Gatho.Typed;
using MessagePack;

namespace Gatho.Generators.Tests.Ids;

/// <summary>
/// Message ids (DESIGN D11): FNV-1a 32-bit over the full metadata name, computed the same by the generator
/// (MessageIdRule) and at run time (Gatho.Typed.MessageIds); <c>[GathoMessage(Id = n)]</c> overrides; a collision is a
/// compile error.
/// </summary>
public class MessageIdTests
{
    private const string Messages = """
        using Gatho;

        namespace Ids.Game;

        public sealed record PlaceMark(int Cell);

        [GathoMessage(Id = 12345)]
        public sealed record Fixed(int A);

        public partial class Holder
        {
            public sealed record Nested(int B);
        }

        [GathoRoom("ids")]
        [Sends(typeof(Holder.Nested))]
        public partial class IdsRoom
        {
            [OnMessage] private void OnPlace(IRoomClient client, PlaceMark mark) { }
            [OnMessage] private void OnFixed(IRoomClient client, Fixed value) { }
        }
        """;

    private static readonly Lazy<LoadedAssembly> Loaded = new(() =>
    {
        var (assembly, generated) = Compiler.Load("Ids", Messages);
        return new LoadedAssembly(assembly, generated);
    });

    // FNV-1a 32-bit reference vectors (the empty string is the offset basis).
    [Theory]
    [InlineData("", 0x811c9dc5u)]
    [InlineData("a", 0xe40c292cu)]
    [InlineData("foobar", 0xbf9cf968u)]
    public void Both_implementations_give_the_fnv1a_reference_values(string text, uint expected)
    {
        Assert.Equal(expected, MessageIds.Of(text));
        Assert.Equal(expected, MessageIdRule.Fnv1a(text));
    }

    [Theory]
    [InlineData("Game.Rooms.PlaceMark")]
    [InlineData("Game.Rooms.TicTacToeRoom+BoardChanged")]
    [InlineData("Jeu.Déplacement")]
    [InlineData("PlaceMark")]
    public void The_generator_rule_and_the_runtime_agree(string name)
    {
        Assert.Equal(MessageIds.Of(name), MessageIdRule.Fnv1a(name));
    }

    [Theory]
    [InlineData("Ids.Game.PlaceMark")]
    [InlineData("Ids.Game.Holder+Nested")]
    public void Generated_ids_are_the_hash_of_the_runtime_full_name(string fullName)
    {
        var type = Loaded.Value.Type(fullName);
        Assert.Equal(fullName, type.FullName);
        Assert.Equal(MessageIds.Of(type.FullName!), Loaded.Value.Contract("Ids.Game.IdsRoom").IdOf(type));
    }

    [Fact]
    public void GathoMessage_Id_overrides_the_hash_on_the_wire()
    {
        var contract = Loaded.Value.Contract("Ids.Game.IdsRoom");
        Assert.Equal(12345u, contract.IdOf(Loaded.Value.Type("Ids.Game.Fixed")));

        var payload = contract.Encode(Loaded.Value.New("Ids.Game.Fixed", 6));

        Assert.Equal("[12345,[6]]", MessagePackSerializer.ConvertToJson(payload));
    }

    [Fact]
    public void A_typed_payload_is_an_array_of_id_and_body_members_in_declaration_order()
    {
        var contract = Loaded.Value.Contract("Ids.Game.IdsRoom");
        var id = MessageIds.Of("Ids.Game.PlaceMark");

        var payload = contract.Encode(Loaded.Value.New("Ids.Game.PlaceMark", 4));

        Assert.Equal($"[{id.ToString(CultureInfo.InvariantCulture)},[4]]", MessagePackSerializer.ConvertToJson(payload));
        Assert.Equal(new byte[] { 0x92, 0xce }, payload[..2]); // fixarray(2), uint32 id
        Assert.Equal(new byte[] { 0x91, 0x04 }, payload[^2..]); // fixarray(1), 4
    }

    [Fact]
    public void Two_message_types_of_one_room_with_one_id_are_a_GATHO1102_problem_at_the_explicit_id_and_generate_nothing()
    {
        var clash = MessageIds.Of("Clash.B").ToString(CultureInfo.InvariantCulture);
        var source = $$"""
            using Gatho;

            namespace Clash;

            [GathoMessage(Id = {{clash}})]
            public sealed record A(int X);

            public sealed record B(int Y);

            [GathoRoom("clash")]
            [Sends(typeof(B))]
            public partial class ClashRoom
            {
                [OnMessage] private void OnA(IRoomClient client, A a) { }
            }
            """;

        var generated = Compiler.Generate(Compiler.Compile("Clash", source));

        var room = generated.Result.TrackedSteps[GathoGenerator.Steps.Rooms].SelectMany(r => r.Outputs).Select(o => o.Value).OfType<Gatho.Generators.Model.RoomModel>().Single();
        var problem = Assert.Single(room.Problems);
        Assert.Equal("GATHO1102", problem.RuleId);
        Assert.Equal(new[] { "Clash.A", "Clash.B", clash, "ClashRoom" }, problem.Arguments.AsImmutableArray());
        Assert.Equal($"Id = {clash}", source.Substring(problem.Location!.Span.Start, problem.Location.Span.Length));
        Assert.Empty(generated.Result.GeneratedSources.Where(s => s.HintName.StartsWith("Clash.", StringComparison.Ordinal)));
        Assert.Empty(generated.Problems());
    }
}
