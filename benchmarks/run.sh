#!/usr/bin/env bash
# Builds and runs the training benchmarks, then prints Markdown tables (see docs/benchmarks.md).
#
# Contenders: the library's Fit and Predict, a hand-written TorchSharp loop in the same process,
# Debian's PyTorch (python3-torch, python3-torchvision) and TensorFlow.js Layers (npm). Missing
# Debian packages are installed with apt-get, and the npm packages go into the ignored folder
# benchmarks/contenders/tfjs/node_modules.
#
# Settings, as environment variables:
#   THREADS    intra-op threads of every contender (default 1)
#   ROUNDS     process rounds; each process measures 2 rounds per contender (default 3). The
#              input pipeline measures this many rounds in its one process.
#   WORKLOADS  workloads to run: w1 (SmallCnn 64x64, batch 32), w2 (ResNet18 128x128, batch 16)
#   STEPS      training batches per measured round (default 12 for w1 and the pipeline, 6 for w2)
#   TFJS       TensorFlow.js backends, comma-separated: wasm (default), cpu, or none. The wasm
#              backend cannot train this model; the cpu backend can, but needs minutes per step.
#   PIPELINE   1 (default) measures the input pipeline (see the pipeline mode of TrainingBenchmark);
#              0 skips it
#   OUT        the JSON-lines results file (default benchmarks/results/<date>.jsonl)
set -euo pipefail
cd "$(dirname "$0")/.."

THREADS=${THREADS:-1}
ROUNDS=${ROUNDS:-3}
WORKLOADS=${WORKLOADS:-w1 w2}
TFJS=${TFJS:-wasm}
PIPELINE=${PIPELINE:-1}
mkdir -p benchmarks/results
OUT=${OUT:-benchmarks/results/$(date -u +%Y%m%d-%H%M%S).jsonl}
PYTHON=/usr/bin/python3
BENCH=benchmarks/TrainingBenchmark/bin/Release/net10.0/TrainingBenchmark.dll

log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }

ensure_pytorch() {
    if "$PYTHON" -c 'import torch, torchvision' 2>/dev/null; then
        return
    fi

    log "installing Debian's python3-torch and python3-torchvision"
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        sudo=sudo
    fi
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq python3-torch python3-torchvision >&2
}

ensure_tfjs() {
    if [ "$TFJS" = none ] || [ -d benchmarks/contenders/tfjs/node_modules/@tensorflow/tfjs-backend-wasm ]; then
        return
    fi

    log "installing @tensorflow/tfjs and @tensorflow/tfjs-backend-wasm with npm"
    (cd benchmarks/contenders/tfjs && npm ci --no-audit --no-fund --loglevel=error >&2)
}

# Records what the numbers were measured on.
write_machine() {
    "$PYTHON" - "$OUT" "$THREADS" <<'PY'
import json, os, platform, subprocess, sys, time
def run(*command):
    try:
        return subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
model = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), platform.processor())
import torch
record = {
    "kind": "machine",
    "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    "cpu": model,
    "cores": os.cpu_count(),
    "memory_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
    "os": run("sh", "-c", ". /etc/os-release && echo $PRETTY_NAME") or platform.platform(),
    "dotnet": run("dotnet", "--version"),
    "python": platform.python_version(),
    "pytorch": torch.__version__,
    "node": run("node", "--version"),
    "threads": int(sys.argv[2]),
    "load1": float(open("/proc/loadavg").read().split()[0]),
}
with open(sys.argv[1], "a") as out:
    out.write(json.dumps(record) + "\n")
PY
}

ensure_pytorch
ensure_tfjs
log "building the .NET benchmark"
dotnet build benchmarks/TrainingBenchmark -c Release -m:1 -v:q -nologo >&2
write_machine
log "results go to $OUT"

# Contenders run in alternating order, process after process, so that load from other jobs on the
# machine falls on all of them alike.
for round in $(seq 1 "$ROUNDS"); do
    for workload in $WORKLOADS; do
        default_steps=12
        if [ "$workload" = w2 ]; then
            default_steps=6
        fi
        steps=${STEPS:-$default_steps}

        log "round $round/$ROUNDS, $workload: library and hand-written TorchSharp"
        dotnet "$BENCH" throughput --workload "$workload" --threads "$THREADS" --rounds 2 --steps "$steps" --out "$OUT" >/dev/null

        log "round $round/$ROUNDS, $workload: PyTorch"
        "$PYTHON" benchmarks/contenders/pytorch_bench.py --workload "$workload" --threads "$THREADS" --rounds 2 --steps "$steps" --out "$OUT" >/dev/null

        # The same with glibc's malloc set as the library sets it (KerasBackend.KeepFreedHostMemory), channels_last only.
        log "round $round/$ROUNDS, $workload: PyTorch with the library's malloc settings"
        GLIBC_TUNABLES=glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=2147483647 \
            "$PYTHON" benchmarks/contenders/pytorch_bench.py --workload "$workload" --threads "$THREADS" --rounds 2 --steps "$steps" \
            --formats channels_last --out "$OUT" >/dev/null

        # TensorFlow.js runs W1 only. Its JavaScript backend needs minutes per step, so it gets one short round.
        if [ "$workload" = w1 ] && [ "$TFJS" != none ]; then
            for backend in ${TFJS//,/ }; do
                tfjs_steps=$steps
                tfjs_rounds=2
                tfjs_warmup=1
                if [ "$backend" = cpu ]; then
                    tfjs_steps=1
                    tfjs_rounds=1
                    tfjs_warmup=0
                    [ "$round" -eq 1 ] || continue
                fi

                log "round $round/$ROUNDS, $workload: TensorFlow.js ($backend backend)"
                node benchmarks/contenders/tfjs/bench.js --backends "$backend" --rounds "$tfjs_rounds" --steps "$tfjs_steps" \
                    --warmup "$tfjs_warmup" --out "$OUT" >/dev/null 2>&1
            done
        fi
    done
done

if [ "$PIPELINE" != 0 ]; then
    log "input pipeline: decoding at 128 and 224 px, cache check, SmallCnn training"
    dotnet "$BENCH" pipeline --threads "$THREADS" --rounds "$ROUNDS" --steps "${STEPS:-12}" --out "$OUT" >/dev/null
fi
log "memory across 30 epochs"
dotnet "$BENCH" memory --threads "$THREADS" --epochs 30 --steps 8 --out "$OUT" >/dev/null

"$PYTHON" benchmarks/report.py "$OUT"
