#!/usr/bin/env bash
# Regenerates the PublicAPI.Unshipped.txt files of the libraries under src/ from their code, offline:
#   eng/update-public-api.sh                                   every library under src/
#   eng/update-public-api.sh src/Gatho.Client/Gatho.Client.csproj …   only these
# It rebuilds them (every target framework) with RS0016/RS0017 as warnings, adds each public symbol the files lack
# (RS0016) to the Unshipped file of its project and target framework, and drops each listed symbol that is gone
# (RS0017; a symbol gone from Shipped is recorded as *REMOVED* in Unshipped, the analyzer's way of saying "breaking").
# Run it after an intended public API change or after merging branches that add API, then read the diff of the
# PublicAPI files: every line is a public promise. Moving Unshipped lines to Shipped is part of making a release.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -gt 0 ]; then projects=("$@"); else projects=(src/*/*.csproj); fi

# A library new to tracking gets empty files first (the build needs them): PublicAPI/<tfm>/ when multi-targeted.
for project in "${projects[@]}"; do
  dir="$(dirname "$project")"
  if grep -q '<TargetFrameworks>' "$project"; then
    folders=$(sed -n 's:.*<TargetFrameworks>\(.*\)</TargetFrameworks>.*:\1:p' "$project" | tr ';' '\n' | sed "s:^:$dir/PublicAPI/:")
  else
    folders="$dir"
  fi
  for folder in $folders; do
    mkdir -p "$folder"
    for file in PublicAPI.Shipped.txt PublicAPI.Unshipped.txt; do
      [ -f "$folder/$file" ] || printf '#nullable enable\n' > "$folder/$file"
    done
  done
done

# One build of all of them: a solution filter of Gatho.sln (each project compiles once, every target framework).
filter="$(mktemp --suffix=.slnf -p "$PWD")"
log="$(mktemp)"
trap 'rm -f "$filter" "$log"' EXIT
{
  printf '{ "solution": { "path": "Gatho.sln", "projects": ['
  sep=""
  for p in "${projects[@]}"; do printf '%s"%s"' "$sep" "${p//\//\\\\}"; sep=", "; done
  printf '] } }\n'
} > "$filter"
# --no-incremental: an up-to-date project would not compile, and only a compile reports what is missing.
dotnet build "$filter" --no-incremental -nologo -clp:NoSummary -p:TreatWarningsAsErrors=false -p:GathoPublicApiUpdate=true \
  > "$log" || { cat "$log"; exit 1; }
python3 eng/update-public-api.py < "$log"
