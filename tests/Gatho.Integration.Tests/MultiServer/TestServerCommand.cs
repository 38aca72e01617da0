using System.Diagnostics;
using Gatho.Integration.Tests.Support;

namespace Gatho.Integration.Tests.MultiServer;

/// <summary>How to start <c>tests/Gatho.TestServer</c> (built next to this project's output) with arguments.</summary>
internal static class TestServerCommand
{
    public static ProcessStartInfo Create(params string[] arguments)
    {
        var path = Cluster.TestRoomPath.Replace("Gatho.TestRoom", "Gatho.TestServer", StringComparison.Ordinal);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException("TestServer not built", path);
        }

        var info = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        info.ArgumentList.Add(path);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }
}
