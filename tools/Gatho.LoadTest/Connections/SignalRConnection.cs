using Gatho.LoadTest.Scenarios;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Gatho.LoadTest.Connections;

/// <summary>
/// A load client of the SignalR baseline hub (bench/Gatho.SignalRBaseline): WebSockets only, no negotiate round trip,
/// the MessagePack hub protocol. A payload whose op byte is <see cref="Payload.Broadcast"/> calls the hub's
/// <c>Broadcast</c>, any other its <c>Echo</c>; every delivery arrives as the client method <c>m</c>.
/// </summary>
internal sealed class SignalRConnection : ILoadConnection
{
    private readonly HubConnection hub;

    public SignalRConnection(int index, string hubUrl)
    {
        Index = index;
        hub = new HubConnectionBuilder()
            .WithUrl(hubUrl, HttpTransportType.WebSockets, o => o.SkipNegotiation = true)
            .AddMessagePackProtocol()
            .Build();
        hub.On<byte[]>("m", message => OnDelivery?.Invoke(message));
    }

    public int Index { get; }

    public DeliveryHandler? OnDelivery { get; set; }

    public long Reconnects => 0;

    public bool IsConnected => hub.State == HubConnectionState.Connected;

    public bool CanCut => false;

    public Task ConnectAsync(CancellationToken cancellationToken) => hub.StartAsync(cancellationToken);

    public async ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        var method = message.Span[0] == Payload.Broadcast ? "Broadcast" : "Echo";
        await hub.SendAsync(method, message.ToArray(), cancellationToken).ConfigureAwait(false);
    }

    public void Cut() => throw new NotSupportedException("SignalR connections do not resume; churn cuts need a Gatho client");

    public Task CloseAsync(CancellationToken cancellationToken) => hub.StopAsync(cancellationToken);

    public ValueTask DisposeAsync() => hub.DisposeAsync();
}
