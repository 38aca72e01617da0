namespace Gatho.LoadTest;

/// <summary>Which client drives a Gatho room.</summary>
public enum LoadClientKind
{
    /// <summary><see cref="Gatho.Client.GathoClient"/> with <see cref="LoadOptions.ProtocolVersion"/>.</summary>
    Gatho,

    /// <summary>A bare WebSocket speaking protocol v1: the room, not the client, bounds the run.</summary>
    Raw,
}

/// <summary>How a load run is shaped. Every scenario reads what applies to it.</summary>
public sealed record LoadOptions
{
    /// <summary>Clients connected at once.</summary>
    public int Clients { get; init; } = 10;

    /// <summary>Time over which the clients connect (evenly spread); zero: as fast as <see cref="ConnectConcurrency"/> allows.</summary>
    public TimeSpan Ramp { get; init; } = TimeSpan.Zero;

    /// <summary>Connection attempts in flight at once (a room bounds its unadmitted connections; default 64 in a room).</summary>
    public int ConnectConcurrency { get; init; } = 32;

    /// <summary>Echo: round trips per client. Fan-out: messages each client sends. Churn: messages per session.</summary>
    public int Messages { get; init; } = 100;

    /// <summary>Message size in bytes (at least the 17-byte scenario header).</summary>
    public int MessageBytes { get; init; } = 32;

    /// <summary>Idle: how long the clients stay connected before memory is read.</summary>
    public TimeSpan Hold { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Churn: sessions per client (each joins, exchanges messages, is cut once on odd cycles, and leaves).</summary>
    public int Cycles { get; init; } = 5;

    /// <summary>Gatho client protocol version (1 or 2).</summary>
    public int ProtocolVersion { get; init; } = 2;

    /// <summary>The client driving a Gatho room.</summary>
    public LoadClientKind Client { get; init; } = LoadClientKind.Gatho;

    /// <summary>Measured runs (the report gives each and their median).</summary>
    public int Runs { get; init; } = 1;

    /// <summary>Unreported runs first (JIT warm-up on both sides).</summary>
    public int Warmup { get; init; }

    /// <summary>Longest a run may take; what has not arrived by then counts as lost.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Throws when a value is out of range, naming it.</summary>
    public void Validate()
    {
        Positive(Clients, nameof(Clients));
        Positive(ConnectConcurrency, nameof(ConnectConcurrency));
        Positive(Messages, nameof(Messages));
        Positive(Cycles, nameof(Cycles));
        Positive(Runs, nameof(Runs));
        if (MessageBytes < Scenarios.Payload.HeaderBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(MessageBytes), MessageBytes, $"messages carry a {Scenarios.Payload.HeaderBytes}-byte header");
        }

        if (ProtocolVersion is not (1 or 2))
        {
            throw new ArgumentOutOfRangeException(nameof(ProtocolVersion), ProtocolVersion, "protocol version must be 1 or 2");
        }

        if (Warmup < 0 || Ramp < TimeSpan.Zero || Hold < TimeSpan.Zero || Timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Warmup), "warm-up, ramp and hold must not be negative, the timeout positive");
        }
    }

    private static void Positive(int value, string name)
    {
        if (value <= 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive");
        }
    }
}
