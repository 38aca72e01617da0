using Gatho.Protocol.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Gatho.Room.Logging;

/// <summary>The room's default logger: single-line console output at <c>GATHO_LOG_LEVEL</c> (debug/info/warn/error).</summary>
internal static class DefaultLogging
{
    public const string LevelVariable = "GATHO_LOG_LEVEL";

    public static ILoggerFactory CreateFactory() => LoggerFactory.Create(builder =>
    {
        builder.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss.fff ";
            console.ColorBehavior = LoggerColorBehavior.Disabled;
        });
        builder.SetMinimumLevel(ParseLevel(Environment.GetEnvironmentVariable(LevelVariable)));
        builder.AddFilter("Microsoft", LogLevel.Warning);
    });

    public static LogLevel ParseLevel(string? value) => value?.ToLowerInvariant() switch
    {
        "debug" => LogLevel.Debug,
        "warn" or "warning" => LogLevel.Warning,
        "error" => LogLevel.Error,
        _ => LogLevel.Information,
    };
}
