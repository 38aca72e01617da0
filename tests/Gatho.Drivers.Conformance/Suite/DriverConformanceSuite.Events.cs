using Gatho.Drivers.Conformance.Support;
using Gatho.Drivers.Events;
using Gatho.Drivers.Model;

namespace Gatho.Drivers.Conformance.Suite;

// Push events to servers: assignment and removal (gatho gap 10: destroy is pushed, not found at the next heartbeat).
public abstract partial class DriverConformanceSuite
{
    [Fact]
    public async Task Registering_a_room_pushes_RoomAssigned_to_its_server()
    {
        var serverId = await RegisterServerAsync();
        await using var events = await EventRecorder.SubscribeAsync(Driver, serverId);

        var roomId = await RegisterRoomAsync(serverId, "duel", "{ \"map\" : \"dust\" }");

        Assert.Equal(new RoomAssignedEvent(roomId, "duel", "{\"map\":\"dust\"}"), await events.NextAsync());
    }

    [Fact]
    public async Task Unregistering_a_room_pushes_RoomRemoved_to_its_server()
    {
        var serverId = await RegisterServerAsync();
        var roomId = await StartRoomAsync(serverId);
        await using var events = await EventRecorder.SubscribeAsync(Driver, serverId);

        await Driver.UnregisterRoomAsync(roomId);

        Assert.Equal(new RoomRemovedEvent(roomId), await events.NextAsync());
    }

    [Fact]
    public async Task A_reported_failure_pushes_RoomRemoved_to_its_server()
    {
        var serverId = await RegisterServerAsync();
        var roomId = await StartRoomAsync(serverId);
        await using var events = await EventRecorder.SubscribeAsync(Driver, serverId);

        await Driver.RoomFailureAsync(roomId, "unexpected process-exited");

        Assert.Equal(new RoomRemovedEvent(roomId), await events.NextAsync());
    }

    [Fact]
    public async Task Events_arrive_in_order_and_only_at_the_owning_server()
    {
        var a = await RegisterServerAsync();
        var b = await RegisterServerAsync();
        await using var eventsA = await EventRecorder.SubscribeAsync(Driver, a);
        await using var eventsB = await EventRecorder.SubscribeAsync(Driver, b);

        var first = await RegisterRoomAsync(a);
        var onB = await RegisterRoomAsync(b);
        var second = await RegisterRoomAsync(a);
        await Driver.UnregisterRoomAsync(first);

        Assert.Equal(first, (await eventsA.NextAsync<RoomAssignedEvent>()).RoomId);
        Assert.Equal(second, (await eventsA.NextAsync<RoomAssignedEvent>()).RoomId);
        Assert.Equal(first, (await eventsA.NextAsync<RoomRemovedEvent>()).RoomId);
        Assert.Equal(onB, (await eventsB.NextAsync<RoomAssignedEvent>()).RoomId);
        Assert.True(eventsB.IsDrained);
    }

    [Fact]
    public async Task A_server_can_subscribe_before_its_first_heartbeat()
    {
        await using var events = await EventRecorder.SubscribeAsync(Driver, "early-server");
        await RegisterServerAsync("early-server");

        var roomId = await RegisterRoomAsync("early-server");

        Assert.Equal(roomId, (await events.NextAsync<RoomAssignedEvent>()).RoomId);
    }

    [Fact]
    public async Task Every_subscriber_of_a_server_gets_the_event()
    {
        var serverId = await RegisterServerAsync();
        await using var first = await EventRecorder.SubscribeAsync(Driver, serverId);
        await using var second = await EventRecorder.SubscribeAsync(Driver, serverId);

        var roomId = await RegisterRoomAsync(serverId);

        Assert.Equal(roomId, (await first.NextAsync()).RoomId);
        Assert.Equal(roomId, (await second.NextAsync()).RoomId);
    }

    [Fact]
    public async Task A_throwing_handler_does_not_break_its_subscription()
    {
        var serverId = await RegisterServerAsync();
        await using var events = await EventRecorder.SubscribeAsync(Driver, serverId, throwOn: _ => true);

        var first = await RegisterRoomAsync(serverId);
        var second = await RegisterRoomAsync(serverId);

        Assert.Equal(first, (await events.NextAsync()).RoomId);
        Assert.Equal(second, (await events.NextAsync()).RoomId);
    }

    [Fact]
    public async Task A_disposed_subscription_gets_nothing_more()
    {
        var serverId = await RegisterServerAsync();
        var stopped = await EventRecorder.SubscribeAsync(Driver, serverId);
        await using var witness = await EventRecorder.SubscribeAsync(Driver, serverId);

        await stopped.UnsubscribeAsync();
        var roomId = await RegisterRoomAsync(serverId);

        Assert.Equal(roomId, (await witness.NextAsync()).RoomId);
        Assert.Equal(0, stopped.Delivered);
    }

    [Fact]
    public async Task No_event_is_pushed_for_a_missing_room_or_when_the_server_record_itself_goes()
    {
        var endpoint = NewEndpoint();
        var serverId = await RegisterServerAsync(endpoint: endpoint);
        await StartRoomAsync(serverId);
        await using var events = await EventRecorder.SubscribeAsync(Driver, serverId);

        await Driver.UnregisterRoomAsync("never-registered");
        await Driver.UnregisterServerAsync(serverId);
        await Driver.HeartbeatAsync(new ServerHeartbeat(serverId, endpoint, Model.Tags.None, ["chat"]));
        var marker = await RegisterRoomAsync(serverId);

        // Events are delivered in order, so anything pushed by the calls above would arrive before the marker.
        Assert.Equal(new RoomAssignedEvent(marker, "chat", "{}"), await events.NextAsync());
    }
}
