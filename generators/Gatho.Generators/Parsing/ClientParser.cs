using System.Collections.Generic;
using System.Linq;
using Gatho.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

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

    public static ClientModel Parse(INamedTypeSymbol client, AttributeData attribute, References references)
    {
        var problems = new List<string>();
        var room = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as INamedTypeSymbol : null;
        var roomType = room is null ? null : ContractReader.RoomTypeOf(room);
        if (room is null || roomType is null)
        {
            problems.Add($"client {client.Name}: [GathoClient(typeof(…))] must name a [GathoRoom] class");
        }

        if (!references.Client)
        {
            problems.Add($"client {client.Name}: typed clients need a reference to Gatho.Client");
        }

        foreach (var reference in client.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is TypeDeclarationSyntax declaration && !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                problems.Add($"client {client.Name}: a [GathoClient] class must be partial (write 'partial class {client.Name}')");
            }
        }

        var accepted = room is null ? new List<ITypeSymbol>() : ContractReader.Accepted(room).Select(a => a.Type).ToList();
        var sent = room is null ? new List<ITypeSymbol>() : ContractReader.Sent(room);
        var (acceptedMessages, sentMessages) = ContractReader.Name(accepted, sent, Reserved);
        return new ClientModel(
            TypeNames.HintName(client, "Client"),
            TypeNames.NamespaceOf(client),
            TypeNames.ContainersOf(client),
            client.Name,
            room is null ? string.Empty : TypeNames.Of(room),
            roomType ?? string.Empty,
            acceptedMessages,
            sentMessages,
            references,
            problems.ToEquatableArray());
    }
}
