using System.Diagnostics;
using Gatho.LoadTest.Connections;
using Gatho.LoadTest.Measuring;
using Gatho.LoadTest.Targets;

namespace Gatho.LoadTest.Scenarios;

/// <summary>
/// One run of a scenario against a target: its options and meter, connecting clients with the ramp and the concurrency
/// bound, and the measured window (room CPU and memory read at its start and end).
/// </summary>
public sealed class ScenarioRun
{
    private long windowStart;
    private TimeSpan clientCpuAtStart;

    internal ScenarioRun(LoadTarget target, LoadOptions options, RunMeter meter)
    {
        Target = target;
        Options = options;
        Meter = meter;
    }

    /// <summary>What is loaded.</summary>
    public LoadTarget Target { get; }

    /// <summary>The run's shape.</summary>
    public LoadOptions Options { get; }

    /// <summary>The run's counters.</summary>
    public RunMeter Meter { get; }

    /// <summary>The serving process when the window opened.</summary>
    public ProcessReading? Before { get; private set; }

    /// <summary>The serving process when the window closed.</summary>
    public ProcessReading? After { get; private set; }

    /// <summary>The measured window's length.</summary>
    public TimeSpan Window { get; private set; }

    /// <summary>
    /// CPU time this process (the clients, and a spawned server's control plane) spent in the window: with the room on
    /// the same cores, it says whether a run was bound by the clients or by the room.
    /// </summary>
    public TimeSpan ClientCpu { get; private set; }

    /// <summary>The serving process now, when it runs on this machine.</summary>
    public ProcessReading? ReadProcess() => Target.ProcessId is { } pid ? ProcessSampler.Read(pid) : null;

    /// <summary>Opens the measured window.</summary>
    public void StartWindow()
    {
        Before = ReadProcess();
        clientCpuAtStart = CurrentProcessCpu();
        windowStart = Stopwatch.GetTimestamp();
    }

    /// <summary>Closes the measured window.</summary>
    public void EndWindow()
    {
        Window = Stopwatch.GetElapsedTime(windowStart);
        ClientCpu = CurrentProcessCpu() - clientCpuAtStart;
        After = ReadProcess();
    }

    private static TimeSpan CurrentProcessCpu()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    /// <summary>Connects client <paramref name="index"/> to a fresh seat with <paramref name="onDelivery"/> as its handler.</summary>
    public async Task<ILoadConnection> ConnectAsync(int index, DeliveryHandler? onDelivery, CancellationToken cancellationToken)
    {
        var address = await Target.NewSeatAsync(index, cancellationToken).ConfigureAwait(false);
        var connection = Target.CreateConnection(index, address, Options);
        connection.OnDelivery = onDelivery;
        try
        {
            await connection.ConnectAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        Meter.Joined();
        return connection;
    }

    /// <summary>
    /// Connects every client (client i starts at i × ramp / clients, at most <see cref="LoadOptions.ConnectConcurrency"/>
    /// at once). A client that cannot connect is an error and a null slot.
    /// </summary>
    public async Task<ILoadConnection?[]> ConnectAllAsync(Func<int, DeliveryHandler?> handlerFor, CancellationToken cancellationToken)
    {
        var clients = Options.Clients;
        var connections = new ILoadConnection?[clients];
        using var gate = new SemaphoreSlim(Options.ConnectConcurrency);
        var start = Stopwatch.GetTimestamp();
        var tasks = new Task[clients];
        for (var i = 0; i < clients; i++)
        {
            var index = i;
            var due = Options.Ramp * index / clients;
            tasks[i] = Task.Run(
                async () =>
                {
                    var wait = due - Stopwatch.GetElapsedTime(start);
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                    }

                    await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                    try
                    {
                        connections[index] = await ConnectAsync(index, handlerFor(index), cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                    {
                        Meter.Error($"client {index} could not connect: {e.GetType().Name}: {e.Message}");
                    }
                    finally
                    {
                        gate.Release();
                    }
                },
                cancellationToken);
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
        return connections;
    }

    /// <summary>Every connected client leaves (consented); reconnects they made are counted.</summary>
    public async Task CloseAllAsync(IEnumerable<ILoadConnection?> connections)
    {
        using var gate = new SemaphoreSlim(Options.ConnectConcurrency * 4);
        await Task.WhenAll(connections.Where(c => c is not null).Select(async c =>
        {
            await gate.WaitAsync().ConfigureAwait(false);
            try
            {
                await CloseAsync(c!).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);
    }

    /// <summary>One client leaves (consented) and is disposed; its reconnects are counted.</summary>
    public async Task CloseAsync(ILoadConnection connection)
    {
        for (var i = 0; i < connection.Reconnects; i++)
        {
            Meter.Reconnected();
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await connection.CloseAsync(timeout.Token).ConfigureAwait(false);
            Meter.Left(consented: true);
        }
        catch (Exception e)
        {
            Meter.Left(consented: false);
            Meter.Error($"client {connection.Index} did not close cleanly: {e.GetType().Name}: {e.Message}");
        }
        finally
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
