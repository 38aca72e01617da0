using System.Runtime.InteropServices;

namespace Ha.Parts;

/// <summary>Completes on SIGTERM or Ctrl+C, so each part stops its server or listener cleanly.</summary>
internal static class Signals
{
    public static Task WaitForStopAsync()
    {
        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.TrySetResult();
        }

        // Kept alive by the closure below for as long as the task is awaited.
        var registrations = new[]
        {
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
        };
        return stop.Task.ContinueWith(_ => { foreach (var r in registrations) r.Dispose(); }, TaskScheduler.Default);
    }
}
