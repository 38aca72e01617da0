using Gatho.LoadTest.Cli;

// gatho-load: see CommandLine.Usage, docs/benchmarks.md (how the tables there were measured) and docs/load-testing.md.
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
return await LoadCommand.RunAsync(args, Console.Out, Console.Error, cancel.Token);
