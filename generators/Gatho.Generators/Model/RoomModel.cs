namespace Gatho.Generators.Model;

/// <summary>How a handler returns: the emitter adapts each to the runtime's <c>ValueTask</c>.</summary>
internal enum ReturnKind
{
    Void,
    ValueTask,
    Task,

    /// <summary>A plain value (OnAuth's <c>AuthResult</c>).</summary>
    Value,
    ValueTaskOfValue,
    TaskOfValue,
}

/// <summary>A lifecycle method bound to one <c>IRoomBehavior</c> callback.</summary>
/// <param name="Method">The method name.</param>
/// <param name="Returns">Its return shape.</param>
/// <param name="Arity">How many parameters it takes (OnDrop: the close code is optional).</param>
internal sealed record LifecycleHandler(string Method, ReturnKind Returns, int Arity);

/// <summary>An <c>[OnMessage]</c> method.</summary>
/// <param name="Method">The method name.</param>
/// <param name="Returns">Its return shape.</param>
/// <param name="Message">The contract message it takes (null for raw text/bytes handlers).</param>
internal sealed record MessageHandler(string Method, ReturnKind Returns, ContractMessage? Message);

/// <summary>A type the generated partial declarations must repeat (namespace, containing types).</summary>
/// <param name="Keyword">class, struct, record, record struct.</param>
/// <param name="Name">The type name.</param>
internal sealed record ContainingType(string Keyword, string Name);

/// <summary>Everything the room emitter needs for one <c>[GathoRoom]</c> class (<see cref="RoomModel.Keyword"/>: class or record).</summary>
internal sealed record RoomModel(
    string HintName,
    string? Namespace,
    EquatableArray<ContainingType> Containers,
    string Keyword,
    string ClassName,
    string FullName,
    string RoomType,
    bool CanConstruct,
    LifecycleHandler? OnStart,
    LifecycleHandler? OnAuth,
    LifecycleHandler? OnJoin,
    LifecycleHandler? OnDrop,
    LifecycleHandler? OnReconnect,
    LifecycleHandler? OnLeave,
    LifecycleHandler? OnShutdown,
    EquatableArray<MessageHandler> TypedHandlers,
    MessageHandler? TextHandler,
    MessageHandler? BytesHandler,
    ContractModel Contract,
    References References,
    EquatableArray<Problem> Problems);

/// <summary>Which Gatho assemblies the compilation references: what start-up glue and stubs can be emitted.</summary>
internal sealed record References(bool Abstractions, bool RoomRuntime, bool Server, bool Client);

/// <summary>
/// Everything the client emitter needs for one <c>[GathoClient]</c> class. <see cref="RoomHasErrors"/>: its room is in
/// this compilation and has problems, so it has no generated contract and the client is not emitted either.
/// </summary>
internal sealed record ClientModel(
    string HintName,
    string? Namespace,
    EquatableArray<ContainingType> Containers,
    string Keyword,
    string ClassName,
    string RoomFullName,
    string RoomType,
    EquatableArray<ContractMessage> Accepted,
    EquatableArray<ContractMessage> Sent,
    References References,
    EquatableArray<Problem> Problems,
    bool RoomHasErrors);
