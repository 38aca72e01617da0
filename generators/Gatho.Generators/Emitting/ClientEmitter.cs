using Gatho.Generators.Model;

namespace Gatho.Generators.Emitting;

/// <summary>
/// Emits a typed client: a <c>Send</c> per message the room accepts, an event per message it sends, over a
/// <c>GathoClient</c> whose lifecycle, state and reconnection pass through unchanged.
/// </summary>
internal static class ClientEmitter
{
    private const string Client = "global::Gatho.Client.GathoClient";

    public static string Emit(ClientModel client)
    {
        var w = new SourceWriter();
        Declarations.Header(w);
        var contract = client.RoomFullName + ".GathoContract";
        using (Declarations.Open(w, client.Namespace, client.Containers))
        {
            using (w.Block($"partial {client.Keyword} {client.ClassName} : global::System.IAsyncDisposable"))
            {
                w.Line("/// <summary>The room type this client speaks to.</summary>");
                w.Line($"public const string RoomType = {ContractEmitter.Literal(client.RoomType)};");
                w.Line();
                w.Line($"private readonly {Client} connection;");
                w.Line();
                w.Line("/// <summary>A client for the seat URL the backend minted (call <c>ConnectAsync</c> to join).</summary>");
                w.Line($"public {client.ClassName}(string seatUrl, global::Gatho.Client.GathoClientOptions? options = null)");
                w.Line($"    : this(new {Client}(seatUrl, options))").Line("{").Line("}");
                w.Line();
                w.Line("/// <summary>A typed client over an existing connection (which it then owns).</summary>");
                using (w.Block($"public {client.ClassName}({Client} connection)"))
                {
                    w.Line("this.connection = connection ?? throw new global::System.ArgumentNullException(nameof(connection));");
                    w.Line("connection.MessageReceived += OnMessageReceived;");
                }

                PassThrough(w);
                foreach (var message in client.Accepted)
                {
                    w.Line();
                    w.Line($"/// <summary>Sends <paramref name=\"message\"/> to the room; false when the client is closed or its buffer is full.</summary>");
                    using (w.Block($"public bool Send({message.TypeKey} message, bool reliable = true)"))
                    {
                        w.Line("using var buffer = global::Gatho.Typed.MessageBuffer.Rent();");
                        w.Line($"{contract}.Write(buffer, message);");
                        w.Line("return connection.Send(buffer.WrittenSpan, reliable);");
                    }
                }

                foreach (var message in client.Sent)
                {
                    w.Line();
                    w.Line($"/// <summary>The room sent a <see cref=\"{ContractEmitter.Cref(message.TypeKey)}\"/>.</summary>");
                    w.Line($"public event global::System.Action<{message.TypeKey}>? {message.Name};");
                }

                Receive(w, client, contract);
            }
        }

        return w.ToString();
    }

    private static void PassThrough(SourceWriter w)
    {
        w.Line();
        w.Line("/// <summary>The underlying connection (raw sends, options, everything not typed).</summary>");
        w.Line($"public {Client} Connection => connection;");
        Event(w, "global::System.Action", "Opened", "The session opened (first connect).");
        Event(w, "global::System.Action<global::Gatho.Client.ClientDrop>", "Dropped", "The socket dropped; the client reconnects by itself.");
        Event(w, "global::System.Action", "Reconnected", "The session resumed.");
        Event(w, "global::System.Action<string>", "AuthError", "The room refused the client.");
        Event(w, "global::System.Action<global::Gatho.Client.ClientCloseInfo>", "Closed", "The client closed for good.");
        Event(w, "global::System.Action<global::System.Exception>", "Error", "A transport or callback error.");
        w.Line();
        w.Line("/// <summary>Text messages, and binary ones that are not typed messages.</summary>");
        w.Line("public event global::System.Action<global::Gatho.Client.ClientMessage>? OtherMessageReceived;");
        w.Line();
        w.Line("/// <summary>A typed message this client could not decode (unknown id or bad body); the connection stays up.</summary>");
        w.Line("public event global::System.Action<global::Gatho.Client.ClientMessage, global::Gatho.InvalidMessageException>? InvalidMessage;");
        w.Line();
        w.Line("/// <summary>The connection state.</summary>");
        w.Line("public global::Gatho.Client.ClientState State => connection.State;");
        w.Line("/// <summary>The id the room gave this client, once joined.</summary>");
        w.Line("public string? ClientId => connection.ClientId;");
        w.Line("/// <summary>Completes when the client has closed for good.</summary>");
        w.Line("public global::System.Threading.Tasks.Task<global::Gatho.Client.ClientCloseInfo> Completion => connection.Completion;");
        w.Line("/// <summary>Connects and waits for the session.</summary>");
        w.Line("public global::System.Threading.Tasks.Task ConnectAsync(global::System.Threading.CancellationToken cancellationToken = default) => connection.ConnectAsync(cancellationToken);");
        w.Line("/// <summary>Starts connecting without waiting.</summary>");
        w.Line("public void Connect() => connection.Connect();");
        w.Line("/// <summary>Runs queued events on this thread (with <c>ClientEventDispatcher.Manual</c>).</summary>");
        w.Line("public int Dispatch() => connection.Dispatch();");
        w.Line("/// <summary>Leaves the room on purpose.</summary>");
        w.Line("public global::System.Threading.Tasks.Task<global::Gatho.Client.ClientCloseInfo> CloseAsync(global::System.Threading.CancellationToken cancellationToken = default) => connection.CloseAsync(cancellationToken);");
        w.Line("/// <summary>Closes and releases the connection.</summary>");
        w.Line("public global::System.Threading.Tasks.ValueTask DisposeAsync() => connection.DisposeAsync();");
    }

    private static void Event(SourceWriter w, string type, string name, string summary)
    {
        w.Line();
        w.Line($"/// <summary>{summary}</summary>");
        using (w.Block($"public event {type}? {name}"))
        {
            w.Line($"add => connection.{name} += value;");
            w.Line($"remove => connection.{name} -= value;");
        }
    }

    private static void Receive(SourceWriter w, ClientModel client, string contract)
    {
        w.Line();
        using (w.Block("private void OnMessageReceived(global::Gatho.Client.ClientMessage message)"))
        {
            w.Line("var reader = new global::MessagePack.MessagePackReader(message.Data);");
            w.Line("if (message.IsText || !global::Gatho.Typed.MessageEnvelope.TryReadHeader(ref reader, out var id, out var trailing))");
            w.Line("{").Line("    OtherMessageReceived?.Invoke(message);").Line("    return;").Line("}");
            w.Line();
            using (w.Block("switch (id)"))
            {
                foreach (var message in client.Sent)
                {
                    using (w.Block($"case {message.Id}u:"))
                    {
                        // Decode inside the try, raise outside it: a handler's own exception is not a bad message.
                        w.Line($"{message.TypeKey} typed;");
                        w.Line("try").Line("{").Line($"    typed = {contract}.Read<{message.TypeKey}>(ref reader, id, trailing);").Line("}");
                        w.Line("catch (global::Gatho.InvalidMessageException e)").Line("{").Line("    InvalidMessage?.Invoke(message, e);").Line("    return;").Line("}");
                        w.Line($"{message.Name}?.Invoke(typed);");
                        w.Line("return;");
                    }
                }

                w.Line("default:");
                w.Line("    InvalidMessage?.Invoke(message, global::Gatho.Typed.MessageEnvelope.UnknownId(id, RoomType));");
                w.Line("    return;");
            }
        }
    }
}
