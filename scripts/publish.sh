#!/usr/bin/env bash
# Builds the skiff binary users run: Release, ReadyToRun (precompiled, so start-up spends little time in the JIT),
# framework-dependent, into .artifacts/skiff (or the folder given as the first argument).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-.artifacts/skiff}"
dotnet publish src/Skiff/Skiff.csproj -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$out" >/dev/null
echo "$out/skiff.dll"
