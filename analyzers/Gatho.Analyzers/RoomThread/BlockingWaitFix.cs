namespace Gatho.Analyzers.RoomThread;

/// <summary>What the GATHO2001 code fix does for a blocking wait, decided where the callback is known.</summary>
internal enum BlockingWaitFix
{
    /// <summary>No mechanical fix (the callback's shape would need more than a rewrite of one expression).</summary>
    None,

    /// <summary>The callback is async already: replace the wait with <c>await</c>.</summary>
    Await,

    /// <summary>A handler method: also mark it <c>async</c> and return <c>ValueTask</c> (or <c>ValueTask&lt;AuthResult&gt;</c>).</summary>
    AwaitInAsyncMethod,

    /// <summary>A lambda in a synchronous <c>RoomCallbacks</c> member: also make it async and assign it to the async member.</summary>
    AwaitInAsyncSlot,
}
