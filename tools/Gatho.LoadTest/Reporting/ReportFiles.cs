using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gatho.LoadTest.Reporting;

/// <summary>Writes a <see cref="LoadReport"/> as JSON (camelCase, indented) and reads it back.</summary>
public static class ReportFiles
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The report as JSON.</summary>
    public static string ToJson(LoadReport report) => JsonSerializer.Serialize(report, Json);

    /// <summary>Writes the JSON report to <paramref name="path"/>.</summary>
    public static Task WriteJsonAsync(LoadReport report, string path, CancellationToken cancellationToken = default) =>
        File.WriteAllTextAsync(path, ToJson(report), cancellationToken);

    /// <summary>Writes the self-contained HTML report to <paramref name="path"/>.</summary>
    public static Task WriteHtmlAsync(LoadReport report, string path, CancellationToken cancellationToken = default) =>
        File.WriteAllTextAsync(path, HtmlReport.Render(report), cancellationToken);
}
