using Gatho.TestSupport.Skipping;

namespace Gatho.Client.Tests.Mono;

/// <summary>Mono (Debian's <c>mono-runtime</c> plus <c>mono-devel</c> for the netstandard facades; <c>.ci/run</c> installs them) on PATH.</summary>
public sealed class MonoInstalled : ITestPrecondition
{
    /// <summary>The mono executable, or null.</summary>
    public static string? Mono { get; } = Find();

    /// <inheritdoc />
    public string? MissingReason => Mono is null
        ? "mono is not installed (apt-get install mono-runtime mono-devel; .ci/run does): the netstandard2.1 client is only tested on CoreCLR here"
        : !File.Exists(Facade)
            ? $"mono is installed but {Facade} is missing (apt-get install mono-devel): a netstandard2.1 assembly cannot load without it"
            : null;

    private const string Facade = "/usr/lib/mono/4.5/Facades/netstandard.dll";

    private static string? Find()
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(directory, "mono");
            if (directory.Length > 0 && File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
