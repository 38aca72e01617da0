namespace Gatho.Room.Transport;

/// <summary>
/// Counts a room's WebSocket connections against <see cref="RoomOptions.MaxConnections"/> and those not yet admitted
/// (seat or session still being decided) against <see cref="RoomOptions.MaxUnadmittedConnections"/>. Upgrades over
/// either limit are refused with HTTP 503 before a WebSocket exists. Thread-safe.
/// </summary>
internal sealed class ConnectionLimits
{
    private readonly int maxConnections;
    private readonly int maxUnadmitted;
    private int open;
    private int unadmitted;

    public ConnectionLimits(int maxConnections, int maxUnadmitted)
    {
        this.maxConnections = maxConnections;
        this.maxUnadmitted = maxUnadmitted;
    }

    /// <summary>Connections counted now (admitted or not).</summary>
    public int Open => Volatile.Read(ref open);

    /// <summary>Connections counted now that are not admitted yet.</summary>
    public int Unadmitted => Volatile.Read(ref unadmitted);

    /// <summary>A slot for a new, not yet admitted connection, or null (with the limit that was hit) when full.</summary>
    public ConnectionSlot? TryEnter(out string? refusal)
    {
        if (Interlocked.Increment(ref open) > maxConnections)
        {
            Interlocked.Decrement(ref open);
            refusal = $"room has {maxConnections} connections (MaxConnections)";
            return null;
        }

        if (Interlocked.Increment(ref unadmitted) > maxUnadmitted)
        {
            Interlocked.Decrement(ref unadmitted);
            Interlocked.Decrement(ref open);
            refusal = $"room has {maxUnadmitted} connections waiting for admission (MaxUnadmittedConnections)";
            return null;
        }

        refusal = null;
        return new ConnectionSlot(this);
    }

    /// <summary>One connection's place in the counts; <see cref="Admitted"/> and <see cref="Release"/> are idempotent.</summary>
    internal sealed class ConnectionSlot
    {
        private readonly ConnectionLimits limits;
        private int admitted;
        private int released;

        public ConnectionSlot(ConnectionLimits limits)
        {
            this.limits = limits;
        }

        /// <summary>The connection was admitted: it no longer counts as waiting.</summary>
        public void Admitted()
        {
            if (Interlocked.Exchange(ref admitted, 1) == 0)
            {
                Interlocked.Decrement(ref limits.unadmitted);
            }
        }

        /// <summary>The connection ended.</summary>
        public void Release()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                Admitted();
                Interlocked.Decrement(ref limits.open);
            }
        }
    }
}
