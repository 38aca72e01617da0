using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Gatho.Client.Tests.Aot;

/// <summary>
/// A sample project published with NativeAOT into a temporary directory: the publish output, the trim/AOT warnings in
/// it (IL2xxx/IL3xxx) and the native binary. Each sample is published once per test run and deleted afterwards.
/// </summary>
internal sealed partial class NativeSample
{
    private NativeSample(string name, int exitCode, string output, string directory)
    {
        Name = name;
        ExitCode = exitCode;
        Output = output;
        Directory = directory;
        Warnings = TrimOrAotWarning().Matches(output).Select(m => m.Value).Distinct().ToArray();
    }

    public string Name { get; }

    public int ExitCode { get; }

    public string Output { get; }

    public string Directory { get; }

    public IReadOnlyList<string> Warnings { get; }

    public string Binary => Path.Combine(Directory, Name);

    /// <summary>
    /// Publishes <c>samples/&lt;name&gt;/&lt;name&gt;.csproj</c> for linux-x64 with NativeAOT the way a user does,
    /// <c>-p:PublishAot=true</c> on the command line: the global property reaches every referenced project, and the
    /// netstandard ones (client libraries, generator, analyzers) must ignore it (Directory.Build.targets).
    /// </summary>
    public static async Task<NativeSample> PublishAsync(string name)
    {
        var repository = FindRepository();
        var project = Path.Combine(repository, "samples", name, name + ".csproj");
        var output = Path.Combine(Path.GetTempPath(), $"gatho-aot-{name}-{Guid.NewGuid():N}");

        // An earlier publish leaves ILC's output behind and an incremental publish would skip native compilation (and
        // with it every trim/AOT warning): remove it so each run really compiles and reports.
        var native = Path.Combine(repository, "samples", name, "obj", "Release", "net10.0", "linux-x64", "native");
        if (System.IO.Directory.Exists(native))
        {
            System.IO.Directory.Delete(native, recursive: true);
        }

        // An upper bound only: on a loaded two-core machine one NativeAOT publish has taken over ten minutes.
        var publish = await RunAsync(
            "dotnet",
            new[] { "publish", project, "-c", "Release", "-r", "linux-x64", "-p:PublishAot=true", "-o", output, "-nologo" },
            TimeSpan.FromMinutes(25));
        return new NativeSample(name, publish.ExitCode, publish.Output, output);
    }

    /// <summary>Fails unless the publish succeeded, compiled native code without trim/AOT warnings and left a binary.</summary>
    public void AssertClean()
    {
        Assert.True(ExitCode == 0, $"publish of {Name} failed ({ExitCode}):\n{Output}");
        Assert.True(Warnings.Count == 0, $"trim/AOT warnings publishing {Name}: {string.Join(", ", Warnings)}:\n{Output}");
        Assert.Contains("Generating native code", Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Binary), $"no native binary at {Binary}");
    }

    public void Delete()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }

    public static async Task<(int ExitCode, string Output)> RunAsync(string file, IEnumerable<string> arguments, TimeSpan limit)
    {
        using var process = Start(file, arguments, out var text);
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{file} did not finish within {limit}:\n{Text(text)}");
        }

        process.WaitForExit();
        return (process.ExitCode, Text(text));
    }

    /// <summary>Starts <paramref name="file"/> with stdout and stderr collected into <paramref name="text"/>.</summary>
    public static Process Start(string file, IEnumerable<string> arguments, out StringBuilder text, Action<string>? line = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        var collected = text = new StringBuilder();
        DataReceivedEventHandler collect = (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (collected)
            {
                collected.AppendLine(e.Data);
            }

            line?.Invoke(e.Data);
        };
        process.OutputDataReceived += collect;
        process.ErrorDataReceived += collect;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public static string Text(StringBuilder text)
    {
        lock (text)
        {
            return text.ToString();
        }
    }

    [GeneratedRegex(@"\bIL[23]\d{3}\b")]
    private static partial Regex TrimOrAotWarning();

    /// <summary>The repository root (the directory holding Gatho.sln).</summary>
    public static string Repository => FindRepository();

    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Gatho.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Gatho.sln above {AppContext.BaseDirectory}");
    }
}
