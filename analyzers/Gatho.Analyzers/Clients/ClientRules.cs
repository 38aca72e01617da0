using Gatho.Analyzers.Reporting;
using Gatho.Generators.Parsing;
using Microsoft.CodeAnalysis;

namespace Gatho.Analyzers.Clients;

/// <summary>GATHO1201–1299: typed client declarations.</summary>
internal static class ClientRules
{
    public static readonly DiagnosticDescriptor NotPartial = Rule.Error(
        ProblemIds.ClientNotPartial,
        Categories.Clients,
        "A [GathoClient] class must be partial",
        "Typed client '{0}' must be partial: write 'partial class {0}' so the generator can add its Send methods and events",
        "The generator adds the typed client's members to the class in a second partial declaration.");

    public static readonly DiagnosticDescriptor RoomNotARoom = Rule.Error(
        ProblemIds.ClientRoomNotARoom,
        Categories.Clients,
        "[GathoClient] must name a [GathoRoom] class",
        "Typed client '{0}' names '{1}', which is not a [GathoRoom] class: write [GathoClient(typeof(YourRoom))] with the room the client talks to",
        "The client's Send methods and events come from the room's contract; only a [GathoRoom] class has one.");

    public static readonly DiagnosticDescriptor ContainerNotPartial = Rule.Error(
        ProblemIds.ClientContainerNotPartial,
        Categories.Clients,
        "A type containing a [GathoClient] class must be partial",
        "Type '{0}' contains typed client '{1}' and must be partial: write 'partial' on '{0}' too",
        "The generated client repeats its containing types as partial declarations.");

    public static readonly DiagnosticDescriptor Static = Rule.Error(
        ProblemIds.StaticClient,
        Categories.Clients,
        "A [GathoClient] class cannot be static",
        "Typed client '{0}' is static: each client is an instance (one connection to a room); remove 'static'",
        "The generated client holds a connection and has a constructor and instance members.");

    public static readonly DiagnosticDescriptor[] FromParser = { NotPartial, RoomNotARoom, ContainerNotPartial, Static };
}
