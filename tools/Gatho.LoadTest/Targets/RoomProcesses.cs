using System.Globalization;

namespace Gatho.LoadTest.Targets;

/// <summary>Finds a room's process on this machine by its <c>GATHO_ROOM_ID</c> environment variable (Linux /proc).</summary>
internal static class RoomProcesses
{
    public static int? Find(string roomId)
    {
        if (!Directory.Exists("/proc"))
        {
            return null;
        }

        var wanted = "GATHO_ROOM_ID=" + roomId;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(Path.Combine(directory, "environ")).Split('\0').Contains(wanted, StringComparer.Ordinal))
                {
                    return pid;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone, or not ours to read.
            }
        }

        return null;
    }
}
