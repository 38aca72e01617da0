using Gatho.Generators.Emitting;
using Gatho.Generators.Model;
using Gatho.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gatho.Generators;

/// <summary>
/// Turns each <c>[GathoRoom]</c> partial class into its glue, typed dispatch and contract, and each
/// <c>[GathoClient(typeof(Room))]</c> partial class into a typed client (DESIGN D5, D11). One room, one model, one
/// file; models hold no Roslyn objects, so edits outside a room leave its output cached.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class GathoGenerator : IIncrementalGenerator
{
    /// <summary>Tracking names of the pipeline steps (asserted by the cacheability tests).</summary>
    public static class Steps
    {
        public const string References = "GathoReferences";
        public const string Rooms = "GathoRooms";
        public const string Clients = "GathoClients";
    }

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // Parsing happens inside the attribute transforms, so the only values the pipeline keeps are equatable models:
        // no symbol or compilation survives a step (CONVENTIONS, generator-practices §4.1).
        var rooms = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.GathoRoomAttribute,
                static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                static (syntax, cancellationToken) => RoomParser.Parse(
                    (INamedTypeSymbol)syntax.TargetSymbol, ReferencesOf(syntax.SemanticModel.Compilation), cancellationToken))
            .WithTrackingName(Steps.Rooms);
        // A room or client with a problem gets no output at all: the analyzers report each problem at its line
        // (GATHOnnnn), and half a room would only add compiler errors that hide them.
        context.RegisterSourceOutput(rooms, static (output, room) =>
        {
            if (room.Problems.Length == 0)
            {
                output.AddSource(room.HintName, RoomEmitter.Emit(room));
            }
        });

        var clients = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.GathoClientAttribute,
                static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                static (syntax, cancellationToken) => ClientParser.Parse(
                    (INamedTypeSymbol)syntax.TargetSymbol, syntax.Attributes[0], ReferencesOf(syntax.SemanticModel.Compilation), cancellationToken))
            .WithTrackingName(Steps.Clients);
        context.RegisterSourceOutput(clients, static (output, client) =>
        {
            if (client.Problems.Length == 0 && !client.RoomHasErrors)
            {
                output.AddSource(client.HintName, ClientEmitter.Emit(client));
            }
        });

        var needsIsExternalInit = context.CompilationProvider.Select(static (compilation, _) =>
            compilation.GetTypeByMetadataName(KnownNames.RoomBehavior) is not null
            && !(compilation.GetTypeByMetadataName(Polyfills.IsExternalInitName) is { } existing && compilation.IsSymbolAccessibleWithin(existing, compilation.Assembly)));
        context.RegisterSourceOutput(needsIsExternalInit, static (output, needed) =>
        {
            if (needed)
            {
                output.AddSource("Gatho.IsExternalInit.g.cs", Polyfills.IsExternalInit);
            }
        });
    }

    /// <summary>Which Gatho assemblies <paramref name="compilation"/> references (the analyzers ask the same).</summary>
    internal static References ReferencesOf(Compilation compilation) => new(
        compilation.GetTypeByMetadataName(KnownNames.RoomBehavior) is not null,
        compilation.GetTypeByMetadataName(KnownNames.GathoRoomRuntime) is not null,
        compilation.GetTypeByMetadataName(KnownNames.InProcessRunner) is not null,
        compilation.GetTypeByMetadataName(KnownNames.GathoClient) is not null);
}
