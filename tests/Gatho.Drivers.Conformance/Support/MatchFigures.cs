using System.Globalization;

namespace Gatho.Drivers.Conformance.Support;

/// <summary>
/// Writes the concurrent join-or-create figures (calls, rooms, seats, time) to the file named by
/// <c>GATHO_MATCH_FIGURES</c>, when it is set, for docs/matchmaking.md. It records; it never asserts a time.
/// </summary>
internal static class MatchFigures
{
    public static void Record(string driver, int calls, int rooms, int seats, TimeSpan elapsed)
    {
        var path = Environment.GetEnvironmentVariable("GATHO_MATCH_FIGURES");
        if (string.IsNullOrEmpty(path))
        {
            return;
        }

        var line = string.Create(CultureInfo.InvariantCulture, $"{driver}\tcalls={calls}\trooms={rooms}\tseats={seats}\ttime_ms={elapsed.TotalMilliseconds:F1}{Environment.NewLine}");
        File.AppendAllText(path, line);
    }
}
