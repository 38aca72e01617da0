namespace Gatho.Client.Tests.Aot;

/// <summary>
/// The NativeAOT samples, each published at most once per test run (a publish takes minutes) and only when a test
/// asks for it, then deleted.
/// </summary>
public sealed class NativeSamples : IAsyncLifetime
{
    private readonly Lazy<Task<NativeSample>> client = new(() => NativeSample.PublishAsync("AotClient"));
    private readonly Lazy<Task<NativeSample>> typedRoom = new(() => NativeSample.PublishAsync("TypedEchoRoom"));

    /// <summary>samples/AotClient: the raw and the generated typed client.</summary>
    internal Task<NativeSample> Client => client.Value;

    /// <summary>samples/TypedEchoRoom: the typed room of samples/TypedEcho.Rooms, standalone.</summary>
    internal Task<NativeSample> TypedRoom => typedRoom.Value;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var sample in new[] { client, typedRoom })
        {
            if (sample.IsValueCreated)
            {
                (await sample.Value).Delete();
            }
        }
    }
}
