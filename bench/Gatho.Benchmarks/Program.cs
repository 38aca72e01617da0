using BenchmarkDotNet.Running;
using Gatho.Benchmarks;

// dotnet run -c Release --project bench/Gatho.Benchmarks -- startup [runs]   room process start-to-listen and idle RSS
// dotnet run -c Release --project bench/Gatho.Benchmarks -- create-rooms [n] [room.dll|room executable [args…]]
//     SDK create → running → first join through a server (default room: tests/Gatho.TestRoom echo), room CPU and idle RSS
// dotnet run -c Release --project bench/Gatho.Benchmarks -- drivers [rooms] [creates]  per driver: persist, filter, create → running
// dotnet run -c Release --project bench/Gatho.Benchmarks -- generator-cpu [runs]  the generator benchmark by CPU time
// dotnet run -c Release --project bench/Gatho.Benchmarks -- generator-cached [runs]  only the cached run, looped (to profile)
// dotnet run -c Release --project bench/Gatho.Benchmarks -- [BenchmarkDotNet args, e.g. --filter *Broadcast*]
if (args.Length > 0 && args[0] == "startup")
{
    return await RoomStartup.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20);
}

if (args.Length > 0 && args[0] == "create-rooms")
{
    return await CreateRooms.RunAsync(
        args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 50,
        args.Length > 2 ? args[2] : null,
        args.Skip(3).ToArray());
}

if (args.Length > 0 && args[0] == "drivers")
{
    var rooms = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5000;
    return await DriverStores.RunAsync(rooms, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 100);
}

if (args.Length > 0 && args[0] == "generator-cached")
{
    return GeneratorCpuTime.RunCachedOnly(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 50);
}

if (args.Length > 0 && args[0] == "generator-cpu")
{
    return GeneratorCpuTime.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10);
}

BenchmarkSwitcher.FromAssembly(typeof(FrameBenchmarks).Assembly).Run(args);
return 0;
