using System.Runtime.InteropServices;
using Gatho.Drivers;
using Gatho.Drivers.Postgres;
using Gatho.Drivers.Redis;
using Gatho.LoadTest.Reporting;
using Gatho.LoadTest.Scenarios;
using Gatho.LoadTest.Targets;
using Gatho.Sdk;

namespace Gatho.LoadTest.Cli;

/// <summary>Runs one invocation: builds the targets, runs the scenario on each, prints, writes JSON and HTML.</summary>
internal static class LoadCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter progressOutput, CancellationToken cancellationToken)
    {
        CommandLine command;
        LoadScenario scenario;
        LoadOptions options;
        try
        {
            command = CommandLine.Parse(args);
            scenario = LoadScenario.Named(command.Scenario);
            options = command.Options();
            options.Validate();
        }
        catch (ArgumentException e)
        {
            await output.WriteLineAsync($"gatho-load: {e.Message}\n\n{CommandLine.Usage}").ConfigureAwait(false);
            return 2;
        }

        var started = DateTimeOffset.UtcNow;
        var reports = new List<TargetReport>();
        Action<ProgressSnapshot>? progress = command.Has("quiet") ? null : p => ProgressLine.Write(progressOutput, p);
        LoadTarget room;
        try
        {
            room = await RoomTargetAsync(command, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            await output.WriteLineAsync($"gatho-load: {e.Message}\n\n{CommandLine.Usage}").ConfigureAwait(false);
            return 2;
        }

        await using (room)
        {
            reports.Add(await LoadRunner.RunAsync(room, scenario, options, progress, cancellationToken).ConfigureAwait(false));
        }

        ProgressLine.End(progressOutput);
        if (scenario.RunsOnBaseline && await BaselineTargetAsync(command, cancellationToken).ConfigureAwait(false) is { } baseline)
        {
            await using (baseline)
            {
                reports.Add(await LoadRunner.RunAsync(baseline, scenario, options, progress, cancellationToken).ConfigureAwait(false));
            }

            ProgressLine.End(progressOutput);
        }

        var comparison = reports.Count == 2 ? LoadRunner.Compare(reports[0], reports[1]) : Array.Empty<ComparisonRow>();
        var report = new LoadReport(
            scenario.Name,
            started,
            $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}",
            "gatho-load " + string.Join(' ', args),
            options,
            reports,
            comparison);
        ConsoleReport.Write(output, report);
        if (command.Get("json") is { } json)
        {
            await ReportFiles.WriteJsonAsync(report, json, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"JSON report: {json}").ConfigureAwait(false);
        }

        if (command.Get("html") is { } html)
        {
            await ReportFiles.WriteHtmlAsync(report, html, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"HTML report: {html}").ConfigureAwait(false);
        }

        return reports.All(r => r.Median.Lost == 0 && r.Median.Duplicated == 0 && r.Median.Errors == 0) ? 0 : 1;
    }

    private static async Task<LoadTarget> RoomTargetAsync(CommandLine command, CancellationToken cancellationToken)
    {
        int? pid = command.Has("pid") ? command.Int("pid", 0) : null;
        if (command.Get("url") is { } url)
        {
            return LoadTarget.Room(url, command.Get("secret"), command.Get("room-id"), pid);
        }

        if (command.Get("spawn-room") is { } assembly)
        {
            return await LoadTarget.SpawnRoomAsync(assembly, command.Get("room-type") ?? "load", cancellationToken).ConfigureAwait(false);
        }

        if (command.Get("spawn-standalone") is { } standalone)
        {
            return await LoadTarget.SpawnStandaloneRoomAsync(standalone, cancellationToken).ConfigureAwait(false);
        }

        IDriver driver = command.Get("redis") is { } redis ? new RedisDriver(redis)
            : command.Get("postgres") is { } postgres ? new PostgresDriver(postgres)
            : throw new ArgumentException("name a target: --url, --spawn-room, --spawn-standalone, --redis or --postgres");
        var sdk = new GathoSdk(driver);
        var roomId = command.Get("room-id");
        if (roomId is null)
        {
            var type = command.Get("room-type") ?? throw new ArgumentException("with a driver, give --room-id, or --room-type and --server-id");
            var server = command.Get("server-id") ?? throw new ArgumentException("--room-type needs --server-id");
            roomId = (await sdk.CreateRoomAsync(type, server, cancellationToken: cancellationToken).ConfigureAwait(false)).RoomId;
        }

        return LoadTarget.Sdk(sdk, roomId, pid);
    }

    private static async Task<LoadTarget?> BaselineTargetAsync(CommandLine command, CancellationToken cancellationToken)
    {
        if (command.Get("baseline") is { } assembly)
        {
            return await LoadTarget.SpawnSignalRAsync(assembly, cancellationToken).ConfigureAwait(false);
        }

        return command.Get("baseline-url") is { } url
            ? LoadTarget.SignalR(url, command.Has("baseline-pid") ? command.Int("baseline-pid", 0) : null)
            : null;
    }
}
