namespace Gatho.LoadTest.Reporting;

/// <summary>The live progress line: rewritten in place on a terminal, one line per tick otherwise (CI logs).</summary>
internal static class ProgressLine
{
    private static bool open;

    public static void Write(TextWriter writer, ProgressSnapshot snapshot)
    {
        lock (writer)
        {
            if (ReferenceEquals(writer, Console.Error) && !Console.IsErrorRedirected)
            {
                writer.Write("\r" + snapshot + "   ");
                open = true;
            }
            else
            {
                writer.WriteLine(snapshot);
            }
        }
    }

    public static void End(TextWriter writer)
    {
        lock (writer)
        {
            if (open)
            {
                writer.WriteLine();
                open = false;
            }
        }
    }
}
