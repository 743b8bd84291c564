"""Summarise a benchmark results file (JSON lines from benchmarks/run.sh) as Markdown tables.

Usage: python3 benchmarks/report.py RESULTS.jsonl

Rates are medians over rounds. "Library / contender" divides the library's median by the
contender's. Against the hand-written TorchSharp loop, which runs in the same process in
alternating order, the ratio is the median of the per-round ratios instead, which cancels most of
the load that other jobs put on a shared machine.
"""

import collections
import json
import statistics
import sys

LIBRARY = "keras"
CONTENDER_NAMES = {
    "keras": "KerasClassifier Fit / Predict",
    "torchsharp": "hand-written TorchSharp loop",
    "pytorch": "PyTorch (Debian)",
    "tfjs": "TensorFlow.js Layers",
}


def load(path):
    with open(path) as lines:
        return [json.loads(line) for line in lines if line.strip()]


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def label(record):
    name = CONTENDER_NAMES.get(record["contender"], record["contender"])
    if record.get("memory_format"):
        name += f" ({record['memory_format']})"
    return name


def paired_ratio(records, contender_key, key):
    """Median over rounds of library rate / contender rate, pairing rounds of the same process."""
    by_round = collections.defaultdict(dict)
    process = 0
    for record in records:
        # A new process starts when round 0 of the library appears again.
        if record["contender"] == LIBRARY and record["round"] == 0:
            process += 1
        by_round[(process, record["round"])][(record["contender"], record.get("memory_format"))] = record[key]
    ratios = [pair[(LIBRARY, None)] / pair[contender_key]
              for pair in by_round.values() if (LIBRARY, None) in pair and contender_key in pair]
    return median(ratios)


def throughput_table(records):
    rows = ["| Workload | Phase | Contender | Threads | Images/s (wall) | Images per CPU-second | Library / contender (wall, CPU) | Rounds |",
            "|---|---|---|---:|---:|---:|---:|---:|"]
    groups = collections.defaultdict(list)
    for record in records:
        if record.get("kind") == "throughput":
            groups[(record["workload"], record["phase"])].append(record)

    for (workload, phase), group in sorted(groups.items()):
        contenders = collections.defaultdict(list)
        for record in group:
            contenders[(record["contender"], record.get("memory_format"))].append(record)
        library = contenders.get((LIBRARY, None), [])
        library_wall = median(r["images_per_s"] for r in library)
        library_cpu = median(r["images_per_cpu_s"] for r in library)
        same_process = [r for r in group if r["contender"] in (LIBRARY, "torchsharp")]
        description = group[0].get("description", workload)
        for key in sorted(contenders, key=lambda k: (k[0] != LIBRARY, k[0], k[1] or "")):
            rows_for = contenders[key]
            wall = median(r["images_per_s"] for r in rows_for)
            cpu = median(r["images_per_cpu_s"] for r in rows_for)
            if key == (LIBRARY, None):
                ratio = "1"
            elif key[0] == "torchsharp":
                ratio = f"{paired_ratio(same_process, key, 'images_per_s'):.3f}, {paired_ratio(same_process, key, 'images_per_cpu_s'):.3f}"
            elif library_wall and wall:
                ratio = f"{library_wall / wall:.2f}, {library_cpu / cpu:.2f}"
            else:
                ratio = "n/a"
            threads = ",".join(sorted({str(r["threads"]) for r in rows_for}))
            rows.append(f"| {workload.upper()}: {description} | {phase} | {label(rows_for[0])} | {threads} | "
                        f"{wall:.1f} | {cpu:.1f} | {ratio} | {len(rows_for)} |")

    unsupported = {(r["contender"], r.get("memory_format"), r["phase"], r["error"]) for r in records if r.get("kind") == "unsupported"}
    notes = [f"- {CONTENDER_NAMES.get(c, c)} ({f}) cannot run {p}: {e}" for c, f, p, e in sorted(unsupported)]
    notes += parity_notes(records)
    return rows, notes


def parity_notes(records):
    """Return one line per workload and memory format on how close the hand-written model's first predictions are to the library's."""
    groups = collections.defaultdict(list)
    for record in records:
        if record.get("kind") == "parity":
            groups[(record["workload"], record["memory_format"])].append(record)
    notes = []
    for (workload, memory_format), group in sorted(groups.items()):
        difference = max(r["max_abs_difference"] for r in group)
        counts = {(r["parameters"], r["library_parameters"]) for r in group}
        parameters = ", ".join(f"{hand:,} against the library's {library:,}" for hand, library in sorted(counts))
        notes.append(f"- {workload.upper()}, hand-written TorchSharp loop ({memory_format}): first predictions before training "
                     f"differ from the library's by at most {difference:.1e}; trainable parameters {parameters}.")
    return notes


def pipeline_table(records):
    """Return the input-pipeline rows: decoding and augmentation beside training, Fit fed from files, and the cache check."""
    pipeline = [r for r in records if r.get("kind") == "pipeline" and "image_size" in r]
    if not pipeline:
        return []

    def rate(variant, size, workers=None):
        group = [r for r in pipeline if r["variant"] == variant and r["image_size"] == size
                 and (workers is None or r["decode_workers"] == workers)]
        return median(r["images_per_s"] for r in group) if group else None

    def rise(variant, size, workers):
        """Return the largest rise of the working set above its level before a pass, in MiB."""
        group = [r for r in pipeline if r["variant"] == variant and r["image_size"] == size and r["decode_workers"] == workers
                 and r.get("peak_working_set_mib") is not None]
        if not group:
            return "n/a"
        return f"{max(r['peak_working_set_mib'] - r['working_set_before_mib'] for r in group):.0f}"

    def text(value, digits=0):
        return f"{value:.{digits}f}" if value is not None else "n/a"

    decoded = [r for r in pipeline if r["variant"] == "decode"]
    files = max(r["images"] for r in decoded) if decoded else "?"
    rows = [f"Input pipeline as `fit` runs it by default ({files} JPEGs per pass, batch 32, shuffled, `light` augmentation), "
            "beside SmallCnn training on in-memory arrays at the same size:",
            "",
            "| Image size | Decoding workers | Decode + resize (images/s) | Decode + resize + augment (images/s) | "
            "SmallCnn training (images/s) | Pipeline / training | Rise in a pass, decode + resize (MiB) | Rise in a pass, + augment (MiB) | One batch (MiB) |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    keys = sorted({(r["image_size"], r["decode_workers"]) for r in decoded})
    for size, workers in keys:
        augmented = rate("decode_augment", size, workers)
        training = rate("fit_in_memory", size)
        ratio = f"{augmented / training:.1f}" if augmented and training else "n/a"
        batch = next(r["batch_mib"] for r in decoded if r["image_size"] == size)
        rows.append(f"| {size} | {workers} | {text(rate('decode', size, workers))} | {text(augmented)} | {text(training, 1)} | "
                    f"{ratio} | {rise('decode', size, workers)} | {rise('decode_augment', size, workers)} | {batch} |")

    from_files = [r for r in pipeline if r["variant"] == "fit_from_files"]
    if from_files:
        size = from_files[0]["image_size"]
        in_memory = rate("fit_in_memory", size)
        fed = rate("fit_from_files", size)
        ratio = f"{fed / in_memory:.2f}" if fed and in_memory else "n/a"
        rows += ["",
                 f"| SmallCnn training at {size}x{size}, batch 32 | Decoding workers | Images/s (wall) | From files / in memory |",
                 "|---|---:|---:|---:|",
                 f"| Fit on in-memory arrays | | {text(in_memory, 1)} | |",
                 f"| Fit fed from files (Repeat, Prefetch(2)) | {from_files[0]['decode_workers']} | {text(fed, 1)} | {ratio} |"]

    cache = next((r for r in records if r.get("kind") == "pipeline_cache"), None)
    if cache:
        rows += ["",
                 f"Cache(): two epochs of `Fit` on {cache['files']} files at {cache['image_size']}x{cache['image_size']}. "
                 f"Decoded in epoch 1: {cache['images_epoch1']}; decoded in epoch 2: {cache['images_epoch2']} "
                 f"(passes over the decoding source in epoch 2: {cache['passes_epoch2']}). "
                 f"Cached images: {cache['cache_mib']} MiB; working set {text(cache['working_set_before_mib'])} MiB before, "
                 f"peak {text(cache['peak_working_set_mib'])} MiB during the two epochs."]
    return rows


def memory_table(records):
    epochs = [r for r in records if r.get("kind") == "memory_epoch"]
    summary = next((r for r in records if r.get("kind") == "memory_summary"), None)
    if not epochs or summary is None:
        return []
    rows = ["| Epoch | Working set (MiB) | After a full collection (MiB) | Managed heap (MiB) | Tensors created per step | Tensors disposed per step | Live tensors |",
            "|---:|---:|---:|---:|---:|---:|---:|"]
    shown = {1, 2, summary["settled_epoch"], 10, 15, 20, 25, summary["epochs"]}
    for record in epochs:
        if record["epoch"] in shown:
            rows.append(f"| {record['epoch']} | {record['working_set_mib']} | {record.get('working_set_collected_mib', 'n/a')} | {record['managed_heap_mib']} | "
                        f"{record['tensors_created_per_step']} | {record['tensors_disposed_per_step']} | {record['live_tensors']} |")
    rows.append("")
    collected = "after a full collection " if "working_set_collected_mib" in epochs[0] else ""
    rows.append(f"Peak working set {summary['peak_working_set_mib']} MiB. Working set {collected}after epoch {summary['epochs']} is "
                f"{summary['growth_percent']:+.2f}% of that after epoch {summary['settled_epoch']} "
                f"({summary['working_set_last_mib']} against {summary['working_set_settled_mib']} MiB).")
    return rows


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2

    records = load(sys.argv[1])
    machine = next((r for r in records if r.get("kind") == "machine"), {})
    loads = [r["load1"] for r in records if r.get("load1") is not None]
    print(f"Machine: {machine.get('cpu')}, {machine.get('cores')} cores, {machine.get('memory_gib')} GiB, {machine.get('os')}; "
          f".NET SDK {machine.get('dotnet')}, PyTorch {machine.get('pytorch')}, Node.js {machine.get('node')}.")
    if loads:
        print(f"Date: {machine.get('date')}. Threads per contender: {machine.get('threads')}. "
              f"1-minute load average during the run: min {min(loads):.1f}, median {median(loads):.1f}, max {max(loads):.1f}.")
    rows, notes = throughput_table(records)
    # Two rows are the header alone, as in a file from the pipeline mode only.
    sections = [rows if len(rows) > 2 else [], notes, pipeline_table(records), memory_table(records)]
    for section in sections:
        if section:
            print()
            print("\n".join(section))
    return 0


if __name__ == "__main__":
    sys.exit(main())
