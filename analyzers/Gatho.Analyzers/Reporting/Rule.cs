using Microsoft.CodeAnalysis;

namespace Gatho.Analyzers.Reporting;

/// <summary>Builds the descriptors of every area the same way: fixed id, help page, enabled by default.</summary>
internal static class Rule
{
    public static DiagnosticDescriptor Error(string id, string category, string title, string message, string description) =>
        Create(id, category, title, message, description, DiagnosticSeverity.Error);

    public static DiagnosticDescriptor Warning(string id, string category, string title, string message, string description) =>
        Create(id, category, title, message, description, DiagnosticSeverity.Warning);

    public static DiagnosticDescriptor Info(string id, string category, string title, string message, string description) =>
        Create(id, category, title, message, description, DiagnosticSeverity.Info);

    /// <summary>A rule reported when the whole compilation has been seen (duplicates across files): the IDE runs it on full analysis.</summary>
    public static DiagnosticDescriptor AtCompilationEnd(DiagnosticDescriptor rule) =>
        new(rule.Id, rule.Title, rule.MessageFormat, rule.Category, rule.DefaultSeverity, rule.IsEnabledByDefault, rule.Description, rule.HelpLinkUri, WellKnownDiagnosticTags.CompilationEnd);

    private static DiagnosticDescriptor Create(string id, string category, string title, string message, string description, DiagnosticSeverity severity) =>
        new(id, title, message, category, severity, isEnabledByDefault: true, description, HelpLinks.For(id));
}
