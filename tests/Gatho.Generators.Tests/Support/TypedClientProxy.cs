using System.Reflection;
using Gatho.Client;

namespace Gatho.Generators.Tests.Support;

/// <summary>
/// Drives a generated typed client loaded from an in-test compilation: its typed <c>Send</c> overloads and events are
/// reached by reflection, and every typed event lands in <see cref="Log"/> as <c>EventName:ToString()</c>.
/// </summary>
internal sealed class TypedClientProxy : IAsyncDisposable
{
    private readonly object client;
    private readonly Type type;
    private readonly List<object> received = new();

    public TypedClientProxy(Type clientType, string url)
    {
        type = clientType;
        client = Activator.CreateInstance(clientType, url, null)!;
        Connection = (GathoClient)type.GetProperty("Connection")!.GetValue(client)!;
        Connection.MessageReceived += m => Frames.Add(m.IsReliable ? "reliable" : "unreliable");
        foreach (var e in type.GetEvents())
        {
            if (e.EventHandlerType is { IsGenericType: true } handler && handler.GetGenericTypeDefinition() == typeof(Action<>)
                && handler.GetGenericArguments()[0].Assembly != typeof(GathoClient).Assembly && handler.GetGenericArguments()[0].Assembly != typeof(object).Assembly)
            {
                var recorder = typeof(TypedClientProxy).GetMethod(nameof(Recorder), BindingFlags.NonPublic | BindingFlags.Instance)!
                    .MakeGenericMethod(handler.GetGenericArguments()[0]);
                e.AddEventHandler(client, (Delegate)recorder.Invoke(this, new object[] { e.Name })!);
            }
        }

        type.GetEvent("InvalidMessage")!.AddEventHandler(client, new Action<ClientMessage, InvalidMessageException>((_, e) => Log.Add("invalid:" + e.Message)));
    }

    /// <summary>The typed events in order, as <c>Name:message.ToString()</c>.</summary>
    public EventLog Log { get; } = new();

    /// <summary>Every frame the connection delivered, as reliable/unreliable.</summary>
    public EventLog Frames { get; } = new();

    public GathoClient Connection { get; }

    /// <summary>The typed messages received, in order.</summary>
    public IReadOnlyList<object> Received
    {
        get
        {
            lock (received)
            {
                return received.ToArray();
            }
        }
    }

    public Task ConnectAsync() => (Task)type.GetMethod("ConnectAsync")!.Invoke(client, new object[] { CancellationToken.None })!;

    /// <summary>Calls the generated <c>Send(TMessage, bool)</c> for the message's type.</summary>
    public bool Send(object message, bool reliable = true)
    {
        var send = type.GetMethods().SingleOrDefault(m => m.Name == "Send" && m.GetParameters() is [var p, _] && p.ParameterType == message.GetType())
            ?? throw new InvalidOperationException($"{type.Name} has no Send({message.GetType().Name}, bool)");
        return (bool)send.Invoke(client, new[] { message, reliable })!;
    }

    public ValueTask DisposeAsync() => (ValueTask)type.GetMethod("DisposeAsync")!.Invoke(client, null)!;

    private Action<T> Recorder<T>(string name) => message =>
    {
        lock (received)
        {
            received.Add(message!);
        }

        Log.Add(name + ":" + message);
    };
}
