using Gatho.Protocol.Notify;

namespace Gatho.Room.Runtime;

/// <summary>Where the runtime reports to its server; the notify channel in managed mode, nothing in standalone mode.</summary>
internal interface INotifySink
{
    /// <summary>Queues a message for the server (never blocks the room thread).</summary>
    void Send(NotifyMessage message);
}
