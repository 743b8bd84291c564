#!/usr/bin/env bash
# Runs the notebooks in notebooks/ headless with dotnet-repl and exits non-zero when any cell fails.
#
# Usage: notebooks/run-notebooks.sh [--write-outputs] [--no-pack] [NOTEBOOK.ipynb ...]
#
# Steps: pack the library and its notebook display into artifacts/feed, the folder the notebooks
# hand to NuGet. Restore dotnet-repl from .config/dotnet-tools.json. Then run each notebook in its
# own dotnet-repl process from the notebooks/ folder, because the notebooks resolve relative paths
# against the current folder.
#
# Without --write-outputs, the script first checks that each committed notebook either has no
# outputs or has outputs made from its current code cells. Then each run writes a TRX file to
# artifacts/notebooks/ (one test per cell), and the script reads it.
#
# With --write-outputs, each run writes the executed notebook. When no cell failed, the script
# stamps it with its code cells' hashes and copies it over the committed one.
#
# --no-pack reuses the packages already in artifacts/feed.
#
# Environment: NOTEBOOK_TIMEOUT_SECONDS (default 420) limits each notebook, since dotnet-repl has
# no per-cell timeout.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"

write_outputs=false
pack=true
notebooks=()
for arg in "$@"; do
    case "$arg" in
        --write-outputs) write_outputs=true ;;
        --no-pack) pack=false ;;
        -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "error: unknown option '$arg'; expected --write-outputs, --no-pack or notebook files." >&2; exit 2 ;;
        *) notebooks+=("$(basename "$arg")") ;;
    esac
done

if [ ${#notebooks[@]} -eq 0 ]; then
    for path in notebooks/*.ipynb; do
        notebooks+=("$(basename "$path")")
    done
fi

for name in "${notebooks[@]}"; do
    if [ ! -f "notebooks/$name" ]; then
        echo "error: notebooks/$name not found." >&2
        exit 2
    fi
done

timeout_seconds=${NOTEBOOK_TIMEOUT_SECONDS:-420}
feed=artifacts/feed
results=artifacts/notebooks
python=/usr/bin/python3
[ -x "$python" ] || python=python3

# Each pack gets a new prerelease version, so that NuGet never serves an older build of the same
# version from its package cache. The notebooks ask for the newest 0.1.0 prerelease in the feed.
started=$(date +%s)
rm -rf "$results"
mkdir -p "$results"
if $pack; then
    rm -rf "$feed"
    mkdir -p "$feed"
    suffix="dev.$(date -u +%Y%m%d%H%M%S)"
    for project in src/KerasClassifier.Keras src/KerasClassifier.Interactive; do
        dotnet pack "$project" -c Release --version-suffix "$suffix" --artifacts-path artifacts/pack -o "$feed" -v:q -nologo
    done
    echo "packed 0.1.0-$suffix into $feed in $(( $(date +%s) - started )) s"
elif ! ls "$feed"/KerasClassifier.Interactive.*.nupkg >/dev/null 2>&1; then
    echo "error: --no-pack needs packages in $feed; run once without it." >&2
    exit 2
fi
dotnet tool restore >/dev/null

failed=0
stale=false
if ! $write_outputs; then
    # Outputs saved before a cell was edited would show results the code no longer produces.
    paths=()
    for name in "${notebooks[@]}"; do
        paths+=("notebooks/$name")
    done
    if ! "$python" notebooks/notebook-results.py fresh "${paths[@]}"; then
        stale=true
    fi
fi

for name in "${notebooks[@]}"; do
    stem=${name%.ipynb}
    notebook_started=$(date +%s)
    status=0
    if $write_outputs; then
        output="$repo/$results/$stem.ipynb"
        (cd notebooks && timeout "$timeout_seconds" dotnet repl --run "$name" --exit-after-run \
            --output-path "$output" --output-format ipynb </dev/null >"$repo/$results/$stem.log" 2>&1) || status=$?
        check=$("$python" notebooks/notebook-results.py check "$output" 2>&1) || { [ "$status" -ne 0 ] || status=1; }
    else
        output="$repo/$results/$stem.trx"
        (cd notebooks && timeout "$timeout_seconds" dotnet repl --run "$name" --exit-after-run \
            --output-path "$output" --output-format trx </dev/null >"$repo/$results/$stem.log" 2>&1) || status=$?
        check=$("$python" notebooks/notebook-results.py check "$output" 2>&1) || { [ "$status" -ne 0 ] || status=1; }
    fi

    seconds=$(( $(date +%s) - notebook_started ))
    if [ "$status" -eq 124 ]; then
        echo "FAIL $name: timed out after $timeout_seconds s"
    elif [ "$status" -ne 0 ]; then
        echo "FAIL $name ($seconds s, exit code $status)"
    else
        echo "ok   $name ($seconds s)"
    fi

    if [ -n "$check" ]; then
        echo "$check" | sed 's/^/     /'
    fi

    if [ "$status" -ne 0 ]; then
        failed=$((failed + 1))
        echo "     dotnet-repl output: $results/$stem.log"
    elif $write_outputs; then
        "$python" notebooks/notebook-results.py tidy "$output"
        "$python" notebooks/notebook-results.py stamp "$output"
        cp "$output" "notebooks/$name.tmp"
        mv "notebooks/$name.tmp" "notebooks/$name"
    fi
done

passed=$(( ${#notebooks[@]} - failed ))
echo "notebooks: $passed passed, $failed failed in $(( $(date +%s) - started )) s"
if $stale; then
    echo "notebooks: committed outputs do not match their code cells (listed above)"
    exit 1
fi
[ "$failed" -eq 0 ]
