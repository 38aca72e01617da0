namespace Gatho.Analyzers;

/// <summary>Diagnostic categories, one per area of the GATHOnnnn id scheme (docs/diagnostics/README.md).</summary>
internal static class Categories
{
    /// <summary>GATHO0001–0099: packaging and references.</summary>
    public const string Setup = "Gatho.Setup";

    /// <summary>GATHO1001–1099: room declarations and handler signatures.</summary>
    public const string Rooms = "Gatho.Rooms";

    /// <summary>GATHO1101–1199: message contracts.</summary>
    public const string Messages = "Gatho.Messages";

    /// <summary>GATHO1201–1299: typed clients.</summary>
    public const string Clients = "Gatho.Clients";

    /// <summary>GATHO2001–2099: room-thread hygiene (code that stalls every client of a room).</summary>
    public const string RoomThread = "Gatho.RoomThread";
}
