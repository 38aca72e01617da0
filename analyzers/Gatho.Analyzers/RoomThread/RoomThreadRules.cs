using Microsoft.CodeAnalysis;

namespace Gatho.Analyzers.RoomThread;

/// <summary>
/// The room-thread hygiene rules (GATHO2001–2099). Every callback of a room runs on its one logical thread (DESIGN D4),
/// so code that blocks there stalls every client of the room, and a callback the room cannot await runs after the room
/// has moved on. Ids are constants so the code fixes name the same ones.
/// </summary>
internal static class RoomThreadRules
{
    public const string BlockingWaitId = "GATHO2001";
    public const string ThreadSleepId = "GATHO2002";
    public const string AsyncLambdaInSyncSlotId = "GATHO2003";
    public const string AsyncTimerCallbackId = "GATHO2004";

    /// <summary>{0} the blocking call, {1} the task expression, {2} the handler, {3} what to write instead.</summary>
    public static readonly DiagnosticDescriptor BlockingWait = new(
        BlockingWaitId,
        title: "Blocking wait on a task in a room handler",
        messageFormat: "'{0}' on '{1}' blocks the room thread in {2} until the task completes: every client of the room stalls meanwhile, and it deadlocks if the task needs the room thread to finish; {3}",
        category: Categories.RoomThread,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Room callbacks run one at a time on the room's thread. Waiting for a task there holds that thread, so no other callback, message or timer of the room runs until the task completes; a task that continues on the room thread never does. Await the task instead.",
        helpLinkUri: HelpLinks.For(BlockingWaitId));

    /// <summary>{0} the handler.</summary>
    public static readonly DiagnosticDescriptor ThreadSleep = new(
        ThreadSleepId,
        title: "Thread.Sleep in a room handler",
        messageFormat: "'Thread.Sleep' blocks the room thread in {0}: every client of the room stalls while it sleeps; use the room's scheduler instead (IRoom.Schedule(delay, callback) runs the rest on the room thread later without holding it)",
        category: Categories.RoomThread,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Room callbacks run one at a time on the room's thread; sleeping there holds it. IRoom.Schedule and IRoom.ScheduleRepeating run code later on the room thread, follow the room's TimeProvider, and cancel on dispose.",
        helpLinkUri: HelpLinks.For(ThreadSleepId));

    /// <summary>{0} the synchronous member, {1} what to write instead.</summary>
    public static readonly DiagnosticDescriptor AsyncLambdaInSyncSlot = new(
        AsyncLambdaInSyncSlotId,
        title: "Async callback assigned to a synchronous RoomCallbacks member",
        messageFormat: "The async callback assigned to 'RoomCallbacks.{0}' becomes async void: the room does not wait for it, so everything after its first await runs after the room has moved on (an AllowReconnection in OnDrop comes too late: the client has already left); {1}",
        category: Categories.RoomThread,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Each RoomCallbacks callback has a synchronous form (an Action) and an asynchronous one (a Func returning ValueTask). An async lambda given to the Action form compiles to async void: the room runs it up to its first await and carries on; its exceptions reach the room thread unattributed.",
        helpLinkUri: HelpLinks.For(AsyncLambdaInSyncSlotId));

    /// <summary>{0} the scheduling method, {1} what goes wrong with it.</summary>
    public static readonly DiagnosticDescriptor AsyncTimerCallback = new(
        AsyncTimerCallbackId,
        title: "Async callback given to a room timer",
        messageFormat: "The async callback given to 'IRoom.{0}' becomes async void: the timer does not wait for it, so {1}; timers have no async form: keep the callback synchronous, or make the awaited part guard itself (skip a tick while the last one is still running) and catch its own exceptions",
        category: Categories.RoomThread,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "IRoom.Schedule and IRoom.ScheduleRepeating take an Action. An async lambda given to them compiles to async void: the room runs it up to its first await and considers the tick done.",
        helpLinkUri: HelpLinks.For(AsyncTimerCallbackId));
}
