using System.Linq;
using Gatho.Generators.Model;

namespace Gatho.Generators.Emitting;

/// <summary>
/// Emits a room's glue: its <c>IRoomBehavior</c> implementation binding the attributed methods, the room handle, typed
/// send and broadcast, the <c>switch</c> that dispatches typed messages, start-up helpers and its contract.
/// </summary>
internal static class RoomEmitter
{
    private const string ValueTask = "global::System.Threading.Tasks.ValueTask";
    private const string AuthResult = "global::Gatho.AuthResult";

    public static string Emit(RoomModel room)
    {
        var w = new SourceWriter();
        Declarations.Header(w);
        using (Declarations.Open(w, room.Namespace, room.Containers))
        {
            if (room.Contract.Accepted.Length > 0)
            {
                w.Line($"[global::Gatho.Accepts({string.Join(", ", room.Contract.Accepted.Select(m => $"typeof({m.TypeKey})"))})]");
            }

            using (w.Block($"partial {room.Keyword} {room.ClassName} : global::Gatho.Typed.ITypedRoom"))
            {
                Handle(w, room);
                Lifecycle(w, room);
                Dispatch(w, room);
                Sends(w, room);
                StartUp(w, room);
                w.Line();
                ContractEmitter.Emit(w, room.Contract);
            }
        }

        return w.ToString();
    }

    private static void Handle(SourceWriter w, RoomModel room)
    {
        w.Line("/// <summary>The room type servers register runners under.</summary>");
        w.Line($"public const string RoomType = {ContractEmitter.Literal(room.RoomType)};");
        w.Line();
        w.Line("private global::Gatho.IRoom? gathoRoom;");
        w.Line();
        var handle = room.ClassName == "Room" ? "RoomHandle" : "Room";
        w.Line("/// <summary>The room handle (set when the runtime starts the room).</summary>");
        w.Line($"internal global::Gatho.IRoom {handle} => gathoRoom ?? throw new global::System.InvalidOperationException(\"room {room.ClassName} has not started: its handle is set when the runtime starts it\");");
        w.Line();
        w.Line("/// <summary>Every client in the room, including those held in a reconnection window.</summary>");
        w.Line($"internal global::Gatho.IRoomClients Clients => {handle}.Clients;");
        w.Line();
        w.Line("global::Gatho.Typed.IMessageContract global::Gatho.Typed.ITypedRoom.Contract => GathoContract.Instance;");
    }

    private static void Lifecycle(SourceWriter w, RoomModel room)
    {
        Callback(w, room.OnStart, "OnStartAsync", "global::Gatho.IRoom room", string.Empty);
        w.Line();
        using (w.Block($"{ValueTask}<{AuthResult}> global::Gatho.IRoomBehavior.OnAuthAsync(global::Gatho.IRoom room, global::Gatho.AuthRequest request)"))
        {
            w.Line("gathoRoom = room;");
            w.Line(room.OnAuth is null ? $"return new {ValueTask}<{AuthResult}>({AuthResult}.Ok());" : Invoke(room.OnAuth.Method, "request", room.OnAuth.Returns));
        }

        Callback(w, room.OnJoin, "OnJoinAsync", "global::Gatho.IRoom room, global::Gatho.IRoomClient client", "client");
        var dropArguments = room.OnDrop?.Arity == 2 ? "client, closeCode" : "client";
        Callback(w, room.OnDrop, "OnDropAsync", "global::Gatho.IRoom room, global::Gatho.IRoomClient client, int closeCode", dropArguments);
        Callback(w, room.OnReconnect, "OnReconnectAsync", "global::Gatho.IRoom room, global::Gatho.IRoomClient client", "client");
        Callback(w, room.OnLeave, "OnLeaveAsync", "global::Gatho.IRoom room, global::Gatho.IRoomClient client", "client");
        Callback(w, room.OnShutdown, "OnShutdownAsync", "global::Gatho.IRoom room", string.Empty);
    }

    private static void Callback(SourceWriter w, LifecycleHandler? handler, string callback, string parameters, string arguments)
    {
        w.Line();
        using (w.Block($"{ValueTask} global::Gatho.IRoomBehavior.{callback}({parameters})"))
        {
            w.Line("gathoRoom = room;");
            w.Line(handler is null ? "return default;" : Invoke(handler.Method, arguments, handler.Returns));
        }
    }

    private static void Dispatch(SourceWriter w, RoomModel room)
    {
        w.Line();
        using (w.Block($"{ValueTask} global::Gatho.IRoomBehavior.OnMessageAsync(global::Gatho.IRoom room, global::Gatho.IRoomClient client, global::Gatho.RoomMessage message)"))
        {
            w.Line("gathoRoom = room;");
            using (w.Block("if (message.IsText)"))
            {
                w.Line(room.TextHandler is null
                    ? $"throw new global::Gatho.InvalidMessageException(\"room type {ContractEmitter.Escape(room.RoomType)} accepts no text messages\");"
                    : Invoke(room.TextHandler.Method, "client, message.Text!", room.TextHandler.Returns));
            }

            w.Line();
            w.Line("var reader = new global::MessagePack.MessagePackReader(message.Data);");
            w.Line("var isEnvelope = global::Gatho.Typed.MessageEnvelope.TryReadHeader(ref reader, out var id, out var trailing);");
            if (room.TypedHandlers.Length > 0)
            {
                using (w.Block("if (isEnvelope)"))
                {
                    using (w.Block("switch (id)"))
                    {
                        foreach (var handler in room.TypedHandlers)
                        {
                            var message = handler.Message!;
                            var formatter = room.Contract.Shapes.First(s => s.Key == message.TypeKey).Name + "Formatter";
                            using (w.Block($"case GathoContract.{message.Name}Id:"))
                            {
                                w.Line($"var typed = global::Gatho.Typed.MessageEnvelope.ReadBody(ref reader, id, trailing, GathoContract.{formatter}.Instance);");
                                w.Line(Invoke(handler.Method, "client, typed", handler.Returns));
                            }
                        }
                    }
                }
            }

            w.Line();
            if (room.BytesHandler is not null)
            {
                w.Line("// Not one of this room's typed messages: the raw bytes handler takes it (gatho-style rooms).");
                w.Line(Invoke(room.BytesHandler.Method, "client, message.Data", room.BytesHandler.Returns));
            }
            else
            {
                w.Line("throw isEnvelope");
                w.Line("    ? global::Gatho.Typed.MessageEnvelope.UnknownId(id, RoomType)");
                w.Line("    : global::Gatho.Typed.MessageEnvelope.NotAnEnvelope(message.Data.Length);");
            }
        }
    }

    private static void Sends(SourceWriter w, RoomModel room)
    {
        var handle = room.ClassName == "Room" ? "RoomHandle" : "Room";
        foreach (var message in room.Contract.Sent)
        {
            w.Line();
            w.Line($"/// <summary>Sends <paramref name=\"message\"/> to <paramref name=\"client\"/> (encoded into a pooled buffer).</summary>");
            using (w.Block($"internal void Send(global::Gatho.IRoomClient client, {message.TypeKey} message, bool reliable = true)"))
            {
                w.Line("if (client is null)").Line("{").Line("    throw new global::System.ArgumentNullException(nameof(client));").Line("}");
                w.Line("using var buffer = global::Gatho.Typed.MessageBuffer.Rent();");
                w.Line("GathoContract.Write(buffer, message);");
                w.Line("client.Send(buffer.WrittenSpan, reliable);");
            }

            w.Line();
            w.Line($"/// <summary>Sends <paramref name=\"message\"/> to every client but <paramref name=\"except\"/>: encoded once, the same bytes to every socket.</summary>");
            using (w.Block($"internal void Broadcast({message.TypeKey} message, bool reliable = true, global::Gatho.IRoomClient? except = null)"))
            {
                w.Line("using var buffer = global::Gatho.Typed.MessageBuffer.Rent();");
                w.Line("GathoContract.Write(buffer, message);");
                w.Line($"{handle}.Broadcast(buffer.WrittenSpan, reliable, except);");
            }

            w.Line();
            w.Line($"/// <summary>Sends <paramref name=\"message\"/> to every client not in <paramref name=\"except\"/>.</summary>");
            using (w.Block($"internal void Broadcast({message.TypeKey} message, bool reliable, global::System.Collections.Generic.IEnumerable<global::Gatho.IRoomClient> except)"))
            {
                w.Line("using var buffer = global::Gatho.Typed.MessageBuffer.Rent();");
                w.Line("GathoContract.Write(buffer, message);");
                w.Line($"{handle}.Broadcast(buffer.WrittenSpan, reliable, except);");
            }
        }
    }

    private static void StartUp(SourceWriter w, RoomModel room)
    {
        if (!room.CanConstruct)
        {
            return;
        }

        if (room.References.RoomRuntime)
        {
            w.Line();
            w.Line("/// <summary>Runs this room in a room process from the <c>GATHO_*</c> environment its server set (managed mode).</summary>");
            w.Line("public static global::System.Threading.Tasks.Task RunAsync(global::System.Threading.CancellationToken cancellationToken = default) =>");
            w.Line($"    global::Gatho.Room.GathoRoom.RunAsync(new {room.FullName}(), cancellationToken);");
            w.Line();
            w.Line("/// <summary>Runs this room with explicit options (<c>Standalone = true</c> for local development).</summary>");
            w.Line("public static global::System.Threading.Tasks.Task RunAsync(global::Gatho.Room.RoomOptions options, global::System.Threading.CancellationToken cancellationToken = default) =>");
            w.Line($"    global::Gatho.Room.GathoRoom.RunAsync(options, new {room.FullName}(), cancellationToken);");
        }

        if (room.References.Server)
        {
            w.Line();
            w.Line("/// <summary>A runner that hosts each room of this type inside the server's process (a new instance per room).</summary>");
            w.Line("public static global::Gatho.Server.Runners.InProcessRunner CreateInProcessRunner() =>");
            w.Line($"    new global::Gatho.Server.Runners.InProcessRunner(_ => new {room.FullName}());");
        }
    }

    /// <summary>A statement calling <paramref name="method"/> and returning its result as the runtime's ValueTask.</summary>
    public static string Invoke(string method, string arguments, ReturnKind returns) => Call(Escaped(method), arguments, returns);

    /// <summary>A handler named with a keyword (<c>@event</c>) is called as <c>@event(…)</c>.</summary>
    private static string Escaped(string method) =>
        Microsoft.CodeAnalysis.CSharp.SyntaxFacts.IsReservedKeyword(Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(method)) ? "@" + method : method;

    private static string Call(string method, string arguments, ReturnKind returns) => returns switch
    {
        ReturnKind.Void => $"{method}({arguments});\nreturn default;",
        ReturnKind.ValueTask or ReturnKind.ValueTaskOfValue => $"return {method}({arguments});",
        ReturnKind.Task => $"return new {ValueTask}({method}({arguments}));",
        ReturnKind.Value or ReturnKind.TaskOfValue => $"return new {ValueTask}<{AuthResult}>({method}({arguments}));",
        _ => throw new System.ArgumentOutOfRangeException(nameof(returns)),
    };
}
