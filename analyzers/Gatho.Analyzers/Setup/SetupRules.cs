using Gatho.Analyzers.Reporting;
using Gatho.Generators.Parsing;
using Microsoft.CodeAnalysis;

namespace Gatho.Analyzers.Setup;

/// <summary>GATHO0001–0099: what a project must reference for the generated code to compile.</summary>
internal static class SetupRules
{
    public static readonly DiagnosticDescriptor ClientNeedsGathoClient = Rule.Error(
        ProblemIds.ClientNeedsGathoClient,
        Categories.Setup,
        "A typed client needs a reference to Gatho.Client",
        "Typed client '{0}' needs a reference to Gatho.Client: add <PackageReference Include=\"Gatho.Client\" /> to this project, or remove [GathoClient]",
        "The generated typed client wraps Gatho.Client's GathoClient; without that assembly the generator cannot emit it.");
}
