#!/usr/bin/env bash
# Packs every package of the repository (src/ libraries, tools/, templates/) into one folder, Release:
#   eng/pack.sh [output-folder] [extra dotnet pack arguments…]     (default folder: artifacts/packages)
# The version comes from VersionPrefix in Directory.Build.props; add -p:VersionSuffix=preview.1 for a preview.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-artifacts/packages}"
shift || true
dotnet pack eng/Packages.proj -c Release -o "$out" "$@"
ls -l "$out"
