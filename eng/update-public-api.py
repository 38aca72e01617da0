"""Applies the RS0016/RS0017 warnings of a build log (stdin) to the PublicAPI.Unshipped.txt files (eng/update-public-api.sh)."""
import os
import re
import sys
from collections import defaultdict

# ".../File.cs(12,5): warning RS0016: Symbol 'X' is not part of the declared public API (...) [/path/P.csproj::TargetFramework=net10.0]"
LINE = re.compile(
    r"warning (?P<rule>RS0016|RS0017): Symbol '(?P<symbol>.*)' (?:is not part of the declared public API|"
    r"is part of the declared API, but is either not public or could not be found).*"
    r"\[(?P<project>[^\]]+?\.csproj)(?:::TargetFramework=(?P<tfm>[^\]]+))?\]\s*$")

added = defaultdict(set)
removed = defaultdict(set)
for line in sys.stdin:
    match = LINE.search(line)
    if not match:
        continue
    folder = os.path.dirname(match["project"])
    if match["tfm"] and os.path.isdir(os.path.join(folder, "PublicAPI", match["tfm"])):
        folder = os.path.join(folder, "PublicAPI", match["tfm"])
    (added if match["rule"] == "RS0016" else removed)[folder].add(match["symbol"])


def read(path):
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8-sig") as f:
        return [l.rstrip("\n") for l in f if l.strip() and l.strip() != "#nullable enable"]


for folder in sorted(set(added) | set(removed)):
    unshipped_path = os.path.join(folder, "PublicAPI.Unshipped.txt")
    shipped = set(read(os.path.join(folder, "PublicAPI.Shipped.txt")))
    unshipped = set(read(unshipped_path))
    for symbol in removed[folder]:
        if symbol in unshipped:
            unshipped.discard(symbol)
        elif symbol in shipped:
            unshipped.add("*REMOVED*" + symbol)
    unshipped |= added[folder]
    with open(unshipped_path, "w", encoding="utf-8") as f:
        f.write("#nullable enable\n")
        for symbol in sorted(unshipped, key=lambda s: s.removeprefix("*REMOVED*")):
            f.write(symbol + "\n")
    print(f"{unshipped_path}: +{len(added[folder])} -{len(removed[folder])}")
