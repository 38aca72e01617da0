using Gatho.Client;

namespace Gatho.Client.Tests.Support;

/// <summary>Records every event of a <see cref="GathoClient"/> as text: <c>open</c>, <c>msg:…</c>, <c>drop:1006</c>, <c>close:auth</c>…</summary>
internal sealed class ClientProbe
{
    public ClientProbe(GathoClient client)
    {
        Client = client;
        client.Opened += () => Log.Add("open");
        client.MessageReceived += m => Log.Add("msg:" + (m.IsText ? m.Text : Convert.ToHexString(m.Data.Span)) + (m.IsReliable ? string.Empty : ":u"));
        client.Dropped += d => Log.Add($"drop:{d.Code}");
        client.Reconnected += () => Log.Add("reconnect");
        client.AuthError += e => Log.Add("auth-error:" + e);
        client.Closed += c =>
        {
            Closed = c;
            Log.Add("close:" + c.Cause.ToWireName());
        };
        client.Error += e =>
        {
            lock (errors)
            {
                errors.Add(e);
            }
        };
    }

    public GathoClient Client { get; }

    public EventLog Log { get; } = new();

    private readonly List<Exception> errors = new();

    public IReadOnlyList<Exception> Errors
    {
        get
        {
            lock (errors)
            {
                return errors.ToArray();
            }
        }
    }

    public ClientCloseInfo? Closed { get; private set; }

    /// <summary>The non-message events in order (messages are checked separately).</summary>
    public IReadOnlyList<string> Lifecycle => Log.Entries.Where(e => !e.StartsWith("msg:", StringComparison.Ordinal)).ToArray();

    public IReadOnlyList<string> Messages => Log.Entries.Where(e => e.StartsWith("msg:", StringComparison.Ordinal)).Select(e => e[4..]).ToArray();

    public Task OpenAsync() => Log.WaitAsync("open");

    public Task ClosedAsync() => Log.WaitAsync(e => e.StartsWith("close:", StringComparison.Ordinal), "close");
}
