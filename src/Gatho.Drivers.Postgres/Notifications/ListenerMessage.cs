namespace Gatho.Drivers.Postgres.Notifications;

/// <summary>What the listener hands the dispatcher, in the order it happened on the connection.</summary>
internal abstract record ListenerMessage;

/// <summary>A NOTIFY on one of the driver's channels.</summary>
internal sealed record NotificationReceived(string Channel, string Payload) : ListenerMessage;

/// <summary>
/// The listener's connection is (again) listening. <paramref name="LatestEventSeq"/> is the newest server event at that
/// moment; <paramref name="IsReconnect"/> means notifications may have been missed while it was down.
/// </summary>
internal sealed record ListenerConnected(long LatestEventSeq, bool IsReconnect) : ListenerMessage;
