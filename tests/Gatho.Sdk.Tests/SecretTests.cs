using System.Reflection;
using System.Text.Json;
using Gatho.Drivers;
using Gatho.Sdk.Tests.Support;

namespace Gatho.Sdk.Tests;

/// <summary>
/// Issue 17, defect 4: a logged room or an admin listing must not hand out the power to mint seats. The SDK reads the
/// secret from a reservation, signs with it internally and returns only the signed URL.
/// </summary>
public sealed class SecretTests : SdkTestBase
{
    [Fact]
    public async Task Nothing_the_sdk_returns_carries_the_room_secret()
    {
        var server = await StartServerAsync("server-1");
        var created = await Bounded(Sdk.CreateRoomAsync("chat", "server-1"));
        var placed = await Bounded(Sdk.CreateRoomOnLeastLoadedServerAsync("chat"));
        var seat = await Sdk.JoinAsync(created.RoomId);

        var results = new object?[] { created, placed, seat, await Sdk.GetRoomAsync(created.RoomId), await Sdk.GetRoomsAsync(), await Sdk.GetServersAsync() };

        foreach (var secret in new[] { server.Secrets[created.RoomId], server.Secrets[placed.RoomId] })
        {
            foreach (var result in results)
            {
                Assert.NotNull(result);
                Assert.DoesNotContain(secret, result.ToString(), StringComparison.Ordinal);
                Assert.DoesNotContain(secret, JsonSerializer.Serialize(result), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void The_sdk_hands_out_neither_its_driver_nor_anything_named_secret()
    {
        var members = typeof(GathoSdk).GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static);

        Assert.DoesNotContain(members, m => m is PropertyInfo p && typeof(IDriver).IsAssignableFrom(p.PropertyType));
        Assert.DoesNotContain(members, m => m is MethodInfo method && typeof(IDriver).IsAssignableFrom(method.ReturnType));
        var secretProperties = typeof(GathoSdk).Assembly.GetExportedTypes()
            .SelectMany(t => t.GetProperties())
            .Where(p => p.Name.Contains("Secret", StringComparison.OrdinalIgnoreCase))
            .Select(p => $"{p.DeclaringType}.{p.Name}");
        Assert.Empty(secretProperties);
    }
}
