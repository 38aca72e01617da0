using Gatho.LoadTest.Measuring;

namespace Gatho.LoadTest.Reporting;

/// <summary>Everything one invocation measured: each target's runs and, with a baseline, the ratios.</summary>
/// <param name="Scenario">Scenario name.</param>
/// <param name="StartedAt">When the invocation started.</param>
/// <param name="Machine">Cores, OS and runtime, for reading the figures.</param>
/// <param name="CommandLine">The tool's arguments.</param>
/// <param name="Options">The run's shape.</param>
/// <param name="Targets">One report per target (the room first, the baseline second).</param>
/// <param name="Comparison">Room figures as ratios to the baseline's (empty without one).</param>
public sealed record LoadReport(
    string Scenario,
    DateTimeOffset StartedAt,
    string Machine,
    string CommandLine,
    LoadOptions Options,
    IReadOnlyList<TargetReport> Targets,
    IReadOnlyList<ComparisonRow> Comparison);

/// <summary>One target's runs and their medians.</summary>
/// <param name="Target">gatho or signalr.</param>
/// <param name="Description">What served it.</param>
/// <param name="Client">The client that drove it (gatho v2, gatho v1, raw v1, signalr).</param>
/// <param name="Runs">The measured runs (warm-up runs are not in it).</param>
/// <param name="Median">Medians over the runs; lost and duplicated are totals.</param>
public sealed record TargetReport(string Target, string Description, string Client, IReadOnlyList<RunResult> Runs, RunSummary Median);

/// <summary>One run's figures.</summary>
/// <param name="Seconds">The measured window.</param>
/// <param name="Clients">Clients asked for.</param>
/// <param name="Sent">Messages sent.</param>
/// <param name="Deliveries">Messages received (first receipts).</param>
/// <param name="DeliveriesPerSecond">Deliveries over the window.</param>
/// <param name="Expected">Reliable messages expected.</param>
/// <param name="Lost">Expected and never received (must be 0).</param>
/// <param name="Duplicated">Received more than once (must be 0).</param>
/// <param name="OutOfOrder">Overtook an earlier message of the same sender.</param>
/// <param name="Reconnects">Resumes after a drop.</param>
/// <param name="Joins">Sessions opened.</param>
/// <param name="Leaves">Sessions left (consented).</param>
/// <param name="Cuts">Sockets cut on purpose.</param>
/// <param name="ErrorCount">Errors.</param>
/// <param name="Errors">The first errors' messages.</param>
/// <param name="Latency">Latency figures, µs.</param>
/// <param name="Throughput">Deliveries per second over time.</param>
/// <param name="Server">The serving process's CPU and memory, when it runs on this machine.</param>
/// <param name="ClientCpuSeconds">CPU time the tool's own process (the clients) spent in the window.</param>
public sealed record RunResult(
    double Seconds,
    int Clients,
    long Sent,
    long Deliveries,
    double DeliveriesPerSecond,
    long Expected,
    long Lost,
    long Duplicated,
    long OutOfOrder,
    long Reconnects,
    long Joins,
    long Leaves,
    long Cuts,
    long ErrorCount,
    IReadOnlyList<string> Errors,
    LatencySummary Latency,
    IReadOnlyList<ThroughputPoint> Throughput,
    ServerFigures? Server,
    double ClientCpuSeconds);

/// <summary>The serving process over the measured window.</summary>
/// <param name="ProcessId">Its pid.</param>
/// <param name="CpuSeconds">User + system CPU time spent in the window.</param>
/// <param name="CpuPercent">That over the window (100 = one core).</param>
/// <param name="CpuMicrosPerDelivery">CPU per delivery (per round trip for echo), µs.</param>
/// <param name="RssBeforeKib">Resident set when the window opened.</param>
/// <param name="RssAfterKib">Resident set when it closed.</param>
/// <param name="PeakRssKib">Highest resident set so far.</param>
/// <param name="KibPerClient">Growth of the resident set over the window per client (idle: memory per idle client).</param>
/// <param name="CpuSecondsSinceStart">User + system CPU time from the process's start to the window's end: on the first
/// run against a fresh room, its start-up and first traffic (JIT or NativeAOT rooms differ most there).</param>
/// <param name="ContextSwitchesPerDelivery">The process's context switches over the window per delivery (per round trip
/// for echo): the thread hops a message costs.</param>
public sealed record ServerFigures(int ProcessId, double CpuSeconds, double CpuPercent, double CpuMicrosPerDelivery, long RssBeforeKib, long RssAfterKib, long PeakRssKib, double KibPerClient, double CpuSecondsSinceStart, double ContextSwitchesPerDelivery);

/// <summary>Medians over a target's runs.</summary>
/// <param name="DeliveriesPerSecond">Median deliveries/s.</param>
/// <param name="P50Micros">Median of the runs' latency p50.</param>
/// <param name="P99Micros">Median of the runs' latency p99.</param>
/// <param name="CpuMicrosPerDelivery">Median server CPU per delivery, µs (null without the process).</param>
/// <param name="KibPerClient">Median server memory growth per client, KiB (null without the process).</param>
/// <param name="Lost">Lost over all runs.</param>
/// <param name="Duplicated">Duplicated over all runs.</param>
/// <param name="Reconnects">Reconnects over all runs.</param>
/// <param name="Errors">Errors over all runs.</param>
public sealed record RunSummary(double DeliveriesPerSecond, double P50Micros, double P99Micros, double? CpuMicrosPerDelivery, double? KibPerClient, long Lost, long Duplicated, long Reconnects, long Errors);

/// <summary>A room figure next to the baseline's.</summary>
/// <param name="Figure">What is compared.</param>
/// <param name="Room">The room's median.</param>
/// <param name="Baseline">The baseline's median.</param>
/// <param name="Ratio">Room ÷ baseline.</param>
/// <param name="HigherIsBetter">How to read the ratio.</param>
public sealed record ComparisonRow(string Figure, double Room, double Baseline, double Ratio, bool HigherIsBetter);
