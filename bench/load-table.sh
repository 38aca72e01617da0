#!/bin/sh
# The load tool's table (docs/benchmarks.md, "Rooms under load" and "NativeAOT or JIT rooms"): fan-out v2 against the
# SignalR baseline, v1, raw, echo against the baseline, 200 clients against the baseline, idle 10,000 clients.
#   bench/load-table.sh [room]   room: a room assembly (default: bench/Gatho.LoadRoom's Release build) or a native
#                                 room executable, e.g. from
#   dotnet publish bench/Gatho.LoadRoom -c Release -r linux-x64 -p:PublishAot=true -o /tmp/aot-loadroom
# Build first: dotnet build -c Release tools/Gatho.LoadTest; dotnet build -c Release bench/Gatho.LoadRoom;
#              dotnet build -c Release bench/Gatho.SignalRBaseline
set -e
cd "$(dirname "$0")/.."
T="dotnet run -c Release --no-build --project tools/Gatho.LoadTest --"
R=${1:-bench/Gatho.LoadRoom/bin/Release/net10.0/Gatho.LoadRoom.dll}
S=bench/Gatho.SignalRBaseline/bin/Release/net10.0/Gatho.SignalRBaseline.dll
run() { echo "=== $(date +%T) load $(cut -d' ' -f1-3 /proc/loadavg): $*"; $T "$@" --quiet; }
run fanout --spawn-room "$R" --clients 50 --messages 100 --runs 3 --warmup 1 --baseline $S
run fanout --spawn-room "$R" --clients 50 --messages 100 --runs 3 --warmup 1 --protocol 1
run fanout --spawn-room "$R" --clients 50 --messages 100 --runs 3 --warmup 1 --client raw
run echo   --spawn-room "$R" --clients 1 --messages 5000 --runs 3 --warmup 1 --baseline $S
run fanout --spawn-room "$R" --clients 200 --messages 50 --runs 3 --warmup 1 --baseline $S
run idle   --spawn-room "$R" --clients 10000 --hold 10s --connect-concurrency 64 --baseline $S
