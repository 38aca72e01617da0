using Gatho.Drivers.Model;
using Gatho.Protocol.Errors;

namespace Gatho.Drivers.Conformance.Suite;

// Room listings: every filter alone and combined, evaluated by the driver. r2 and r4 are locked.
public abstract partial class DriverConformanceSuite
{
    public static TheoryData<string, string> RoomFilterCases => new()
    {
        { "none", "r1 r2 r3 r4" },
        { "type=chat", "r1 r2" },
        { "status=running", "r1 r4" },
        { "status=requested", "r2 r3" },
        { "server=A", "r1 r3" },
        { "eq mode=ranked", "r1 r4" },
        { "eq mode=ranked region=eu", "r1" },
        { "eq missing=x", "" },
        { "neq mode=ranked", "r2 r3" }, // r3 has no mode tag: a missing key matches not-equal
        { "neq region=eu", "r2 r3 r4" },
        { "type=duel status=running", "r4" },
        { "server=B eq mode=casual", "r2" },
        { "type=chat server=A status=running eq region=eu neq mode=casual", "r1" },
        { "type=chat server=B status=running", "" },
        { "locked=yes", "r2 r4" },
        { "locked=no", "r1 r3" },
        { "type=duel locked=no", "r3" },
        { "status=running locked=yes eq mode=ranked", "r4" },
    };

    [Theory]
    [MemberData(nameof(RoomFilterCases))]
    public async Task ListRooms_applies_every_filter_criterion_with_AND(string filterText, string expected)
    {
        var a = await RegisterServerAsync();
        var b = await RegisterServerAsync();
        var ids = new Dictionary<string, string>
        {
            ["r1"] = await StartRoomAsync(a, "chat", Tags(("mode", "ranked"), ("region", "eu"))),
            ["r2"] = await RegisterRoomAsync(b, "chat", tags: Tags(("mode", "casual"))),
            ["r3"] = await RegisterRoomAsync(a, "duel"),
            ["r4"] = await StartRoomAsync(b, "duel", Tags(("mode", "ranked"), ("region", "us"))),
        };
        await Driver.SetRoomLockedAsync(ids["r2"], locked: true);
        await Driver.SetRoomLockedAsync(ids["r4"], locked: true);
        var filter = ParseFilter(filterText, a, b);

        var listed = await Driver.ListRoomsAsync(filter);

        var names = ids.ToDictionary(pair => pair.Value, pair => pair.Key);
        Assert.Equal(expected, string.Join(' ', listed.Select(room => names[room.RoomId])));
    }

    [Fact]
    public async Task ListRooms_lists_oldest_first_with_clients()
    {
        var serverId = await RegisterServerAsync();
        var first = await StartRoomAsync(serverId);
        await AdvanceTimeAsync(TimeSpan.FromSeconds(1));
        var second = await RegisterRoomAsync(serverId);
        var seat = await ReserveAsync(first);

        var listed = await Driver.ListRoomsAsync();

        Assert.Equal([first, second], listed.Select(room => room.RoomId));
        Assert.True(listed[0].CreatedAt < listed[1].CreatedAt);
        Assert.Equal([seat.ClientId], listed[0].Clients.Select(client => client.ClientId));
    }

    [Fact]
    public async Task ListRooms_refuses_an_invalid_filter_tag_instead_of_matching_nothing()
    {
        var error = await Assert.ThrowsAsync<InvalidTagException>(() => Driver.ListRoomsAsync(new RoomFilter { TagsNotEqual = Tags(("bad key", "x")) }));

        Assert.Contains("bad key", error.Message);
    }

    private static RoomFilter ParseFilter(string text, string serverA, string serverB)
    {
        var filter = new RoomFilter();
        Dictionary<string, string>? equal = null, notEqual = null;
        Dictionary<string, string>? current = null;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            switch (word)
            {
                case "none":
                    continue;
                case "eq":
                    current = equal = [];
                    continue;
                case "neq":
                    current = notEqual = [];
                    continue;
            }

            var (key, value) = (word[..word.IndexOf('=')], word[(word.IndexOf('=') + 1)..]);
            if (current is not null)
            {
                current[key] = value;
                continue;
            }

            filter = key switch
            {
                "type" => filter with { Type = value },
                "status" => filter with { Status = value == "running" ? RoomStatus.Running : RoomStatus.Requested },
                "server" => filter with { ServerId = value == "A" ? serverA : serverB },
                "locked" => filter with { Locked = value == "yes" },
                _ => throw new ArgumentException($"unknown filter word {word}"),
            };
        }

        return filter with { TagsEqual = equal, TagsNotEqual = notEqual };
    }
}
