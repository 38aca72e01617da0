namespace Gatho.Analyzers.Tests.UserView;

/// <summary>
/// One deliberate mistake per row, each in its own file of the user's project (<see cref="UserProject"/>). The line
/// that must be reported ends with <c>// &lt;- GATHOnnnn</c>; <see cref="Message"/> is the start of the message the
/// build must print there. Add a row per rule; room type names must stay unique across rows (one compilation).
/// </summary>
/// <param name="Id">The diagnostic id.</param>
/// <param name="Severity"><c>warning</c> or <c>error</c>, as the build prints it.</param>
/// <param name="File">The file name in the project (unique per row).</param>
/// <param name="Source">The file's text.</param>
/// <param name="Message">The start of the message the build prints.</param>
public sealed record Mistake(string Id, string Severity, string File, string Source, string Message)
{
    /// <summary>The 1-based line of the <c>// &lt;- Id</c> marker.</summary>
    public int Line
    {
        get
        {
            var lines = Source.Split('\n');
            var index = Array.FindIndex(lines, l => l.TrimEnd().EndsWith("// <- " + Id, StringComparison.Ordinal));
            return index < 0 ? throw new InvalidOperationException($"{File} has no '// <- {Id}' marker") : index + 1;
        }
    }

    public override string ToString() => File;
}

/// <summary>The rows. Room-thread hygiene (GATHO20nn) first; the room-model rules (GATHO1nnn) follow.</summary>
public static class Mistakes
{
    /// <summary>A room with no mistake: the build must print nothing for it.</summary>
    public const string GoodRoom = """
        using Gatho;

        namespace Game.Rooms;

        public sealed record Ping(int Seq);

        public sealed record Pong(int Seq);

        [GathoRoom("good")]
        [Sends(typeof(Pong))]
        public partial class GoodRoom
        {
            private readonly Task<int> seats = Task.FromResult(4);

            [OnJoin]
            async ValueTask Joined(IRoomClient client) => _ = await seats;

            [OnMessage]
            void Pinged(IRoomClient client, Ping ping) => Send(client, new Pong(ping.Seq));

            [OnDrop]
            void Dropped(IRoomClient client, int closeCode) => client.AllowReconnection(TimeSpan.FromSeconds(30));
        }
        """;

    public static IReadOnlyList<Mistake> All { get; } = new Mistake[]
    {
        new(
            "GATHO2001",
            "warning",
            "BlockingJoin.cs",
            """
            using Gatho;

            namespace Game.Rooms;

            [GathoRoom("blocking-join")]
            public partial class BlockingJoinRoom
            {
                private readonly Task<int> seats = Task.FromResult(4);

                [OnJoin]
                void Joined(IRoomClient client)
                {
                    var free = seats.Result; // <- GATHO2001
                }
            }
            """,
            "'.Result' on 'seats' blocks the room thread in handler 'Joined' of room 'BlockingJoinRoom' until the task completes: every client of the room stalls meanwhile"),
        new(
            "GATHO2002",
            "warning",
            "SleepingStart.cs",
            """
            using Gatho;

            namespace Game.Rooms;

            [GathoRoom("sleeping-start")]
            public partial class SleepingStartRoom
            {
                [OnStart]
                void Started() => Thread.Sleep(100); // <- GATHO2002
            }
            """,
            "'Thread.Sleep' blocks the room thread in handler 'Started' of room 'SleepingStartRoom': every client of the room stalls while it sleeps; use the room's scheduler instead"),
        new(
            "GATHO2003",
            "warning",
            "AsyncDrop.cs",
            """
            using Gatho;

            namespace Game.Rooms;

            public static class CallbackRooms
            {
                public static RoomCallbacks Lobby() => new()
                {
                    OnDrop = async (room, client, code) => // <- GATHO2003
                    {
                        await Task.Yield();
                        client.AllowReconnection(TimeSpan.FromSeconds(30));
                    },
                };
            }
            """,
            "The async callback assigned to 'RoomCallbacks.OnDrop' becomes async void: the room does not wait for it"),
        new(
            "GATHO2004",
            "warning",
            "AsyncTick.cs",
            """
            using Gatho;

            namespace Game.Rooms;

            [GathoRoom("async-tick")]
            public partial class AsyncTickRoom
            {
                private int ticks;

                [OnStart]
                void Started() => Room.ScheduleRepeating(TimeSpan.FromSeconds(1), async () => // <- GATHO2004
                {
                    await Task.Yield();
                    ticks++;
                });
            }
            """,
            "The async callback given to 'IRoom.ScheduleRepeating' becomes async void: the timer does not wait for it, so the next tick can start while this one is still awaiting"),

        // Room-model rules (GATHO1nnn): each is an error, so the generator emits nothing for that room or client.
        new(
            "GATHO1001",
            "error",
            "NotPartial.cs",
            """
            using Gatho;

            namespace Game.Rooms;

            [GathoRoom("not-partial")]
            public class NotPartialRoom // <- GATHO1001
            {
                [OnJoin]
                void Joined(IRoomClient client)
                {
                }
            }
            """,
            "Room 'NotPartialRoom' must be partial: write 'partial class NotPartialRoom'"),
        new(
            "GATHO1008",
            "error",
            "WrongParameters.cs",
            """
            using Gatho;

            namespace Game.Rooms;

            [GathoRoom("wrong-parameters")]
            public partial class WrongParametersRoom
            {
                [OnJoin]
                void Joined(int seat) // <- GATHO1008
                {
                }
            }
            """,
            "[OnJoin] method 'Joined' must take (IRoomClient client)"),
        new(
            "GATHO1010",
            "error",
            "AsyncVoidHandler.cs",
            """
            using Gatho;

            namespace Game.Rooms;

            [GathoRoom("async-void")]
            public partial class AsyncVoidRoom
            {
                [OnLeave]
                async void Left(IRoomClient client) => await Task.Yield(); // <- GATHO1010
            }
            """,
            "[OnLeave] method 'Left' is async void: return Task or ValueTask so the room awaits it before the next event"),
        new(
            "GATHO1102",
            "error",
            "DuplicateId.cs",
            """
            using Gatho;

            namespace Game.Rooms;

            public sealed record Alpha(int Value);

            // 236183727 is FNV-1a of "Game.Rooms.Alpha": Beta takes Alpha's computed id, so only the collision is reported.
            [GathoMessage(Id = 236183727)] // <- GATHO1102
            public sealed record Beta(int Value);

            [GathoRoom("duplicate-id")]
            public partial class DuplicateIdRoom
            {
                [OnMessage]
                void OnAlpha(IRoomClient client, Alpha alpha)
                {
                }

                [OnMessage]
                void OnBeta(IRoomClient client, Beta beta)
                {
                }
            }
            """,
            "Message types 'Game.Rooms.Alpha' and 'Game.Rooms.Beta' of room 'DuplicateIdRoom' have the same id 236183727"),
        new(
            "GATHO1104",
            "error",
            "Unserializable.cs",
            """
            using Gatho;

            namespace Game.Rooms;

            public sealed record Inventory(HashSet<int> Items); // <- GATHO1104

            [GathoRoom("unserializable")]
            public partial class UnserializableRoom
            {
                [OnMessage]
                void Stocked(IRoomClient client, Inventory inventory)
                {
                }
            }
            """,
            "Member 'Inventory.Items' holds System.Collections.Generic.HashSet<int>, which the message formatter cannot write"),
        new(
            "GATHO1202",
            "error",
            "ClientOfNonRoom.cs",
            """
            using Gatho;

            namespace Game.Rooms;

            public sealed class NotARoom
            {
            }

            [GathoClient(typeof(NotARoom))] // <- GATHO1202
            public partial class NotARoomClient;
            """,
            "Typed client 'NotARoomClient' names 'Game.Rooms.NotARoom', which is not a [GathoRoom] class"),
    };
}
