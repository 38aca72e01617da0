namespace Gatho.Generators.Tests.Support;

/// <summary>Room, client and message sources the tests compile (what a user writes, per DESIGN D11).</summary>
internal static class Sources
{
    /// <summary>A message with every member kind the generator supports, and a canonical text of its value.</summary>
    public const string Kinds = """
        using System;
        using System.Collections;
        using System.Collections.Generic;
        using System.Globalization;
        using System.Linq;

        namespace Kinds;

        public enum Mood : byte { Calm = 1, Angry = 7 }

        public enum Wide : long { Low = long.MinValue, High = long.MaxValue }

        public readonly record struct Point(int X, int Y);

        public struct Mutable
        {
            public int A { get; set; }

            public string? B { get; set; }

            public override string ToString() => Text.Of(A) + "/" + Text.Of(B);
        }

        public sealed class Settings
        {
            public string Name { get; init; } = "";

            public int Level { get; set; } = 3;

            public List<Point> Path { get; set; } = new();

            public override string ToString() => $"Settings({Text.Of(Name)}, {Level}, {Text.Of(Path)})";
        }

        public sealed record Inner(string Label, int[] Values)
        {
            public override string ToString() => $"Inner({Text.Of(Label)}, {Text.Of(Values)})";
        }

        public sealed record Everything(
            bool Flag, byte U8, sbyte I8, short I16, ushort U16, int I32, uint U32, long I64, ulong U64, float F32, double F64, char Ch,
            string Text, string? NoText, byte[] Blob, byte[]? NoBlob, Mood Mood, Wide Wide,
            int[] Ints, string?[] Strings, List<Inner> Inners, Dictionary<string, int> Scores, IReadOnlyList<Point> Points,
            IReadOnlyDictionary<int, string> Names, int? Maybe, int? Nothing, Point? MaybePoint, Inner Nested, Inner? NoNested,
            Settings Settings, Mutable Mutable, Guid Id, DateTime When, TimeSpan Span, decimal Money, DateTimeOffset At,
            List<int[]> Jagged, Dictionary<Mood, List<string>> ByMood, int[][] Grid)
        {
            public static Everything Sample() => new(
                true, 255, -128, short.MinValue, ushort.MaxValue, int.MinValue, uint.MaxValue, long.MinValue, ulong.MaxValue, 1.5f, -2.25, 'é',
                "héllo \"world\"", null, new byte[] { 0, 1, 254, 255 }, null, Mood.Angry, Wide.Low,
                new[] { 1, -2, 3 }, new string?[] { "a", null, "" }, new List<Inner> { new("x", new[] { 9 }), new("y", Array.Empty<int>()) },
                new Dictionary<string, int> { ["alice"] = 3, ["bob"] = -1 }, new[] { new Point(1, 2), new Point(-3, 4) },
                new Dictionary<int, string> { [7] = "seven" }, 42, null, new Point(5, 6), new("nested", new[] { 1, 2 }), null,
                new Settings { Name = "cfg", Level = 9, Path = new List<Point> { new(0, 0) } }, new Mutable { A = 11, B = "b" },
                new Guid("0f8fad5b-d9cb-469f-a165-70867728950e"), new DateTime(2026, 12, 1, 10, 30, 15, 250, DateTimeKind.Utc),
                TimeSpan.FromMilliseconds(1234567), 79228162514264337593543950335m, new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.FromHours(-5)),
                new List<int[]> { new[] { 1 }, new int[0] }, new Dictionary<Mood, List<string>> { [Mood.Calm] = new() { "zen" } },
                new[] { new[] { 1, 2 }, new[] { 3 } });

            public string Describe() => string.Join("; ", new object?[]
            {
                Flag, U8, I8, I16, U16, I32, U32, I64, U64, F32, F64, Ch, Text, NoText, Blob, NoBlob, Mood, Wide, Ints, Strings, Inners,
                Scores, Points, Names, Maybe, Nothing, MaybePoint, Nested, NoNested, Settings, Mutable, Id, When, Span, Money, At,
                Jagged, ByMood, Grid,
            }.Select(Kinds.Text.Of));
        }

        /// <summary>A canonical text of a value (collections element by element), so tests compare whole messages.</summary>
        public static class Text
        {
            public static string Of(object? value) => value switch
            {
                null => "null",
                string s => "\"" + s + "\"",
                byte[] b => "0x" + Convert.ToHexString(b),
                DateTime d => d.ToString("O", CultureInfo.InvariantCulture) + d.Kind,
                DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
                IDictionary d => "{" + string.Join(", ", d.Keys.Cast<object>().Select(k => Of(k) + ": " + Of(d[k]))) + "}",
                IEnumerable e => "[" + string.Join(", ", e.Cast<object?>().Select(Of)) + "]",
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString() ?? "",
            };
        }
        """;

    /// <summary>A room for execution tests: echo, reply, broadcast with except, unreliable, every member kind.</summary>
    public const string Exec = """
        using System;
        using System.Threading.Tasks;
        using Gatho;
        using Kinds;

        namespace Exec;

        public sealed record Ping(int N, string Text);

        public sealed record Pong(int N, string Text, string From);

        public sealed record Shout(string Text);

        public sealed record Heard(string Text, string From);

        public sealed record Blink(int N);

        public sealed record BlinkBack(int N);

        public sealed record Joined(string Who);

        [GathoRoom("exec")]
        [Sends(typeof(Pong), typeof(Heard), typeof(BlinkBack), typeof(Everything), typeof(Joined))]
        public partial class ExecRoom
        {
            [OnJoin]
            private void OnJoined(IRoomClient client) => Broadcast(new Joined(client.Id), reliable: true, except: client);

            [OnMessage]
            private void OnPing(IRoomClient client, Ping ping) => Send(client, new Pong(ping.N + 1, ping.Text, client.Id));

            [OnMessage]
            private ValueTask OnShout(IRoomClient client, Shout shout)
            {
                Broadcast(new Heard(shout.Text, client.Id), reliable: true, except: client);
                return default;
            }

            [OnMessage]
            private Task OnBlink(IRoomClient client, Blink blink)
            {
                Send(client, new BlinkBack(blink.N), reliable: false);
                return Task.CompletedTask;
            }

            [OnMessage]
            private void OnEverything(IRoomClient client, Everything everything) => Send(client, everything);
        }

        [GathoClient(typeof(ExecRoom))]
        public partial class ExecClient;
        """;
}
