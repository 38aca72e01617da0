namespace Gatho.Analyzers;

/// <summary>
/// Where each rule's page lives: <c>docs/diagnostics/GATHOnnnn.md</c> in the repository (a test checks every
/// descriptor's link points at a page that exists).
/// </summary>
internal static class HelpLinks
{
    public const string Base = "https://github.com/gatho-net/gatho.net/blob/main/docs/diagnostics/";

    public static string For(string id) => Base + id + ".md";
}
