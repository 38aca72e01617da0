using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Gatho.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Gatho.Generators.Parsing;

/// <summary>Turns one <c>[GathoClient(typeof(Room))]</c> class into a <see cref="ClientModel"/>.</summary>
internal static class ClientParser
{
    /// <summary>Members the generated client has besides its typed events: a message's event must not take these names.</summary>
    public static readonly HashSet<string> Reserved = new()
    {
        "Opened", "Dropped", "Reconnected", "AuthError", "Closed", "Error", "State", "ClientId", "ProtocolVersion", "BufferedBytes",
        "Completion", "Connection", "Connect", "ConnectAsync", "Dispatch", "CloseAsync", "DisposeAsync", "Send", "RoomType",
        "OtherMessageReceived", "InvalidMessage",
    };

    public static ClientModel Parse(INamedTypeSymbol client, AttributeData attribute, References references, CancellationToken cancellationToken)
    {
        var problems = new ProblemList();
        var named = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as ITypeSymbol : null;
        var room = named as INamedTypeSymbol;
        var roomType = room is null ? null : ContractReader.RoomTypeOf(room);
        if (room is null || roomType is null)
        {
            room = null;
            problems.Add(ProblemIds.ClientRoomNotARoom, Sites.AttributeArgument(attribute, 0, cancellationToken) ?? ProblemList.SourceOf(client),
                client.Name, named?.ToDisplayString() ?? "null");
        }

        if (!references.Client)
        {
            problems.Add(ProblemIds.ClientNeedsGathoClient, Sites.AttributeName(attribute, cancellationToken) ?? ProblemList.SourceOf(client), client.Name);
        }

        if (client.IsStatic)
        {
            problems.Add(ProblemIds.StaticClient, Sites.StaticModifier(client, cancellationToken), client.Name);
        }

        for (var type = client; type is not null; type = type.ContainingType)
        {
            if (Sites.NonPartialDeclaration(type, cancellationToken) is { } declaration)
            {
                if (SymbolEqualityComparer.Default.Equals(type, client))
                {
                    problems.Add(ProblemIds.ClientNotPartial, declaration.Identifier.GetLocation(), client.Name);
                }
                else
                {
                    problems.Add(ProblemIds.ClientContainerNotPartial, declaration.Identifier.GetLocation(), type.Name, client.Name);
                }
            }
        }

        // A room of this compilation with an error has no generated contract for the client to use: the client waits
        // (the room's own diagnostics say what to fix) rather than failing to compile against a missing GathoContract.
        var roomHasErrors = room is { DeclaringSyntaxReferences.Length: > 0 } && RoomParser.Parse(room, references, cancellationToken).Problems.Length > 0;

        var accepted = room is null ? new List<ITypeSymbol>() : ContractReader.Accepted(room).Select(a => a.Type).ToList();
        var sent = room is null ? new List<ITypeSymbol>() : ContractReader.Sent(room);
        var (acceptedMessages, sentMessages) = ContractReader.Name(accepted, sent, Reserved);
        return new ClientModel(
            TypeNames.HintName(client, "Client"),
            TypeNames.NamespaceOf(client),
            TypeNames.ContainersOf(client),
            TypeNames.KeywordOf(client),
            client.Name,
            room is null ? string.Empty : TypeNames.Of(room),
            roomType ?? string.Empty,
            acceptedMessages,
            sentMessages,
            references,
            problems.ToEquatableArray(),
            roomHasErrors);
    }
}
