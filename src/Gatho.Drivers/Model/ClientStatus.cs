namespace Gatho.Drivers.Model;

/// <summary>Where a client is, as the driver records it.</summary>
public enum ClientStatus
{
    /// <summary>A seat was minted; the record lapses at the seat's expiry unless the client connects.</summary>
    Reserved = 0,

    /// <summary>The room reported the client connected; the record stays until the client is disconnected.</summary>
    Connected = 1,
}
