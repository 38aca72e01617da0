using Gatho.Generators.Tests.Support;
using Gatho.Room.Testing;

namespace Gatho.Generators.Tests.Execution;

/// <summary>
/// Rolling deploys (DESIGN D11): an old and a new build of one room library, each compiled and generated from its
/// own source. An old reader skips members it does not know; a new reader gives missing ones their default (a
/// constructor parameter's default, a settable or init property's initializer).
/// </summary>
public class VersionToleranceTests
{
    private const string Room = """
        [GathoRoom("versioned")]
        [Sends(typeof(Move), typeof(Profile))]
        public partial class VersionedRoom
        {
            [OnMessage] private void OnMove(IRoomClient client, Move move) => Send(client, move);
            [OnMessage] private void OnProfile(IRoomClient client, Profile profile) => Send(client, profile);
        }
        """;

    private const string Old = """
        using Gatho;

        namespace Versioned;

        public sealed record Move(int Cell);

        public sealed class Profile
        {
            public string Name { get; set; } = "anon";

            public override string ToString() => $"Profile({Name})";
        }

        """ + Room;

    private const string New = """
        using System.Collections.Generic;
        using Gatho;

        namespace Versioned;

        public sealed record Move(int Cell, string Note = "none", int Speed = 2);

        public sealed class Profile
        {
            public string Name { get; set; } = "anon";

            public int Level { get; set; } = 5;

            public List<string> Tags { get; set; } = new() { "fresh" };

            public string Title { get; init; } = "rookie";

            public override string ToString() => $"Profile({Name}, {Level}, {string.Join("+", Tags)}, {Title})";
        }

        """ + Room;

    private static readonly Lazy<(LoadedAssembly Old, LoadedAssembly New)> Builds = new(() =>
    {
        var (oldAssembly, oldGenerated) = Compiler.Load("VersionedOld", Old);
        var (newAssembly, newGenerated) = Compiler.Load("VersionedNew", New);
        return (new LoadedAssembly(oldAssembly, oldGenerated), new LoadedAssembly(newAssembly, newGenerated));
    });

    private static LoadedAssembly OldBuild => Builds.Value.Old;

    private static LoadedAssembly NewBuild => Builds.Value.New;

    [Fact]
    public void Both_builds_give_the_message_one_id()
    {
        Assert.Equal(
            OldBuild.Contract("Versioned.VersionedRoom").IdOf(OldBuild.Type("Versioned.Move")),
            NewBuild.Contract("Versioned.VersionedRoom").IdOf(NewBuild.Type("Versioned.Move")));
    }

    [Fact]
    public void An_old_reader_skips_trailing_members_it_does_not_know()
    {
        var payload = NewBuild.Contract("Versioned.VersionedRoom").Encode(NewBuild.New("Versioned.Move", 4, "fast", 9));

        var read = OldBuild.Contract("Versioned.VersionedRoom").Decode(payload);

        Assert.Equal("Move { Cell = 4 }", read.ToString());
    }

    [Fact]
    public void A_new_reader_gives_missing_members_their_defaults_and_keeps_settable_and_init_property_initializers()
    {
        var oldProfile = OldBuild.New("Versioned.Profile");
        oldProfile.GetType().GetProperty("Name")!.SetValue(oldProfile, "kim");
        var newContract = NewBuild.Contract("Versioned.VersionedRoom");
        var oldContract = OldBuild.Contract("Versioned.VersionedRoom");

        Assert.Equal("Move { Cell = 4, Note = none, Speed = 2 }", newContract.Decode(oldContract.Encode(OldBuild.New("Versioned.Move", 4))).ToString());
        Assert.Equal("Profile(kim, 5, fresh, rookie)", newContract.Decode(oldContract.Encode(oldProfile)).ToString());
    }

    [Fact]
    public async Task A_new_room_serves_an_old_client_and_an_old_room_a_new_client()
    {
        await using var newRoom = await RoomTestHost.StartAsync(NewBuild.Room("Versioned.VersionedRoom"));
        var oldClient = await newRoom.ConnectAsync("old");
        await oldClient.SendAsync(OldBuild.Contract("Versioned.VersionedRoom").Encode(OldBuild.New("Versioned.Move", 1)));
        Assert.Equal("Move { Cell = 1, Note = none, Speed = 2 }", Assert.Single(oldClient.ReceivedMessages).ToString());

        await using var oldRoom = await RoomTestHost.StartAsync(OldBuild.Room("Versioned.VersionedRoom"));
        var newClient = await oldRoom.ConnectAsync("new");
        await newClient.SendAsync(NewBuild.Contract("Versioned.VersionedRoom").Encode(NewBuild.New("Versioned.Move", 2, "quick", 7)));
        Assert.Equal("Move { Cell = 2 }", Assert.Single(newClient.ReceivedMessages).ToString());
        Assert.True(newClient.IsOpen);
    }
}
