using Gatho.Analyzers.Rooms;
using Gatho.Analyzers.Tests.Support;

namespace Gatho.Analyzers.Tests.Messages;

/// <summary>GATHO1104–1110: message types and members the generated formatter cannot write, at the member or type to change.</summary>
public sealed class ShapeTests
{
    [Fact]
    public Task An_unsupported_member_is_reported_at_the_member_naming_it_and_its_type() =>
        Verify<RoomModelAnalyzer>.AnalyzerAsync(
            """
            using System.Collections.Generic;
            using Gatho;

            namespace Game;

            public sealed record Bag(HashSet<int> {|#0:Items|});

            [GathoRoom("bags")]
            public partial class BagRoom
            {
                [OnMessage] void Add(IRoomClient client, Bag bag) { }
            }
            """,
            Verify<RoomModelAnalyzer>.Diagnostic("GATHO1104").WithLocation(0).WithArguments(
                "Bag.Items",
                "System.Collections.Generic.HashSet<int>",
                "the [OnMessage] handler BagRoom.Add",
                "use a scalar, an enum, T?, T[], List<T>, IReadOnlyList<T>, Dictionary<K, V>, IReadOnlyDictionary<K, V>, or a record, class or struct of those (docs/authoring.md)"));

    [Fact]
    public Task A_member_of_a_type_reachable_from_a_message_is_reported_at_that_member() =>
        Verify<RoomModelAnalyzer>.AnalyzerAsync("""
            using System.Collections.Generic;
            using Gatho;

            public sealed class Cell
            {
                public object? {|GATHO1104:Content|} { get; set; }
                public int[,] {|GATHO1104:Grid|} { get; set; } = new int[1, 1];
            }

            public sealed record Board(List<Cell> Cells);

            [GathoRoom("board")]
            [Sends(typeof(Board))]
            public partial class BoardRoom
            {
            }
            """);

    [Fact]
    public Task Every_supported_member_type_is_fine() =>
        Verify<RoomModelAnalyzer>.AnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using Gatho;

            public enum Mark { None, X, O }

            public struct Point
            {
                public float X { get; set; }
                public float Y { get; set; }
            }

            public sealed record Everything(
                bool B, int I, long L, double D, decimal M, char C, string S, byte[] Raw, Guid G, DateTime At, DateTimeOffset Offset, TimeSpan Span,
                Mark Mark, int? Maybe, Point Where, Point? MaybeWhere, int[] Cells, int[][] Rows, List<string> Names, IReadOnlyList<Point> Path,
                Dictionary<string, int> Scores, IReadOnlyDictionary<int, Mark> Marks);

            [GathoRoom("all")]
            public partial class AllRoom
            {
                [OnMessage] void On(IRoomClient client, Everything everything) { }
            }
            """);

    [Fact]
    public Task A_handler_message_that_is_not_an_object_is_reported_at_the_parameter_type() =>
        Verify<RoomModelAnalyzer>.AnalyzerAsync(
            """
            using Gatho;

            public interface IMove { }
            public abstract record Shape(int Sides);

            [GathoRoom("game")]
            public partial class GameRoom
            {
                [OnMessage] void Place(IRoomClient client, {|#0:int|} cell) { }
                [OnMessage] void Move(IRoomClient client, {|GATHO1105:IMove|} move) { }
                [OnMessage] void Draw(IRoomClient client, {|GATHO1105:Shape|} shape) { }
                [OnMessage] void Fill(IRoomClient client, {|GATHO1105:int[]|} cells) { }
            }
            """,
            Verify<RoomModelAnalyzer>.Diagnostic("GATHO1105").WithLocation(0).WithArguments("int", "GameRoom.Place"));

    [Fact]
    public Task A_generic_message_type_is_reported_where_it_is_used() =>
        Verify<RoomModelAnalyzer>.AnalyzerAsync("""
            using Gatho;

            public sealed record Box<T>(T Value);
            public sealed record Crate(Box<string> {|GATHO1106:Label|});

            [GathoRoom("boxes")]
            public partial class BoxRoom
            {
                [OnMessage] void Put(IRoomClient client, {|GATHO1106:Box<int>|} box) { }
                [OnMessage] void Ship(IRoomClient client, Crate crate) { }
            }
            """);

    [Fact]
    public Task A_private_nested_message_type_is_reported_at_its_name() =>
        Verify<RoomModelAnalyzer>.AnalyzerAsync(
            """
            using Gatho;

            [GathoRoom("game")]
            public partial class GameRoom
            {
                private sealed record {|#0:Move|}(int Cell);

                [OnMessage] void Place(IRoomClient client, Move move) { }
            }
            """,
            Verify<RoomModelAnalyzer>.Diagnostic("GATHO1107").WithLocation(0).WithArguments("GameRoom.Move", "private", "GameRoom", "public"));

    [Fact]
    public Task An_internal_message_type_of_a_public_room_is_reported() =>
        Verify<RoomModelAnalyzer>.AnalyzerAsync(
            """
            using Gatho;

            internal enum Mark { X, O }

            internal sealed record {|GATHO1107:Marked|}(Mark Mark);

            [GathoRoom("game")]
            public partial class GameRoom
            {
                internal sealed record {|#0:Move|}(int Cell);

                [OnMessage] void Place(IRoomClient client, Move move) { }
                [OnMessage] void Mark(IRoomClient client, Marked marked) { }
            }
            """,
            Verify<RoomModelAnalyzer>.Diagnostic("GATHO1107").WithLocation(0).WithArguments("GameRoom.Move", "internal", "GameRoom", "public"));

    [Fact]
    public Task Internal_message_types_of_an_internal_room_are_fine() =>
        Verify<RoomModelAnalyzer>.AnalyzerAsync("""
            using Gatho;

            internal enum Mark { X, O }

            internal sealed record Marked(Mark Mark);

            [GathoRoom("game")]
            internal partial class GameRoom
            {
                internal sealed record Move(int Cell);

                [OnMessage] void Place(IRoomClient client, Move move) { }
                [OnMessage] void OnMarked(IRoomClient client, Marked marked) { }
            }
            """);

    [Fact]
    public Task A_message_without_a_usable_constructor_is_reported_at_its_name() =>
        Verify<RoomModelAnalyzer>.AnalyzerAsync("""
            using Gatho;

            public sealed class {|GATHO1108:Move|}
            {
                public Move(string unrelated) { }
                public int Cell { get; set; }
            }

            [GathoRoom("game")]
            public partial class GameRoom
            {
                [OnMessage] void Place(IRoomClient client, Move move) { }
            }
            """);

    [Fact]
    public Task A_message_with_a_constructor_binding_its_properties_is_fine() =>
        Verify<RoomModelAnalyzer>.AnalyzerAsync("""
            using Gatho;

            public sealed class Move
            {
                public Move(int cell) => Cell = cell;
                public int Cell { get; }
            }

            [GathoRoom("game")]
            public partial class GameRoom
            {
                [OnMessage] void Place(IRoomClient client, Move move) { }
            }
            """);

    [Fact]
    public Task A_public_field_is_reported_at_the_field() =>
        Verify<RoomModelAnalyzer>.AnalyzerAsync(
            """
            using Gatho;

            namespace Game;

            public struct Point
            {
                public float {|#0:X|};
                public float Y { get; set; }
                private float cache;
                public const float Zero = 0;
                public float Cached => cache;
            }

            public sealed record Aim(Point At);

            [GathoRoom("game")]
            public partial class GameRoom
            {
                [OnMessage] void Shoot(IRoomClient client, Aim aim) { }
            }
            """,
            Verify<RoomModelAnalyzer>.Diagnostic("GATHO1109").WithLocation(0).WithArguments("Game.Point.X", "float"));

    [Fact]
    public Task A_sent_type_that_is_not_an_object_is_reported_at_its_typeof() =>
        Verify<RoomModelAnalyzer>.AnalyzerAsync(
            """
            using Gatho;

            public sealed record Score(int Points);

            [GathoRoom("game")]
            [Sends(typeof(Score), {|#0:typeof(int)|})]
            public partial class GameRoom
            {
            }
            """,
            Verify<RoomModelAnalyzer>.Diagnostic("GATHO1110").WithLocation(0).WithArguments("int", "GameRoom"));

    [Fact]
    public Task A_sent_record_is_fine() =>
        Verify<RoomModelAnalyzer>.AnalyzerAsync("""
            using Gatho;

            public sealed record Score(int Points);

            [GathoRoom("game")]
            [Sends(typeof(Score))]
            public partial class GameRoom
            {
            }
            """);
}
