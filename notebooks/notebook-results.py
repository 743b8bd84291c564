#!/usr/bin/env python3
"""Reads the result of one headless dotnet-repl notebook run.

Usage:
  notebook-results.py check RESULT         print the failed cells; exit 1 when any cell failed
  notebook-results.py tidy NOTEBOOK        keep only the last state of each display that was updated
  notebook-results.py stamp NOTEBOOK       record which code cells and library sources made the outputs
  notebook-results.py fresh NOTEBOOK ...   exit 1 when a notebook's outputs come from other code cells

RESULT is the file that `dotnet repl --run` wrote: a TRX file (--output-format trx, one test per
cell) or an executed notebook (--output-format ipynb). A missing result, or one without cells,
counts as a failure, because the run stopped before it wrote one.

dotnet-repl 0.3.259 writes every update of a displayed value as a new output, where a notebook
editor would replace the display in place. `tidy` keeps the last of each run of consecutive
updates: the live training display of KerasClassifier.Interactive and the package-install
progress of .NET Interactive.

`stamp` writes a hash of every code cell's source into the notebook's metadata, with the git tree
of src/ and the time of the run. `fresh` recomputes the hashes, so a notebook whose cells were
edited after its outputs were saved fails, and CI keeps committed outputs tied to the cells beside
them. A notebook without outputs is fresh.
"""
import datetime
import hashlib
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ElementTree

TRX_NAMESPACE = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"

# HTML prefixes of displays that are updated in place while a cell runs.
UPDATED_DISPLAY_PREFIXES = (
    '<div class="kc-live">',
    "<div><div></div><div>",
)


def first_line(text, limit=300):
    lines = (text or "").strip().splitlines()
    line = lines[0] if lines else ""
    return line if len(line) <= limit else line[:limit] + "..."


def check_trx(path):
    # dotnet-repl 0.3.259 declares encoding="utf-16" but writes UTF-8, so the declaration is dropped.
    with open(path, "rb") as stream:
        text = stream.read().decode("utf-8-sig")
    if text.startswith("<?xml"):
        text = text[text.index("?>") + 2:]
    root = ElementTree.fromstring(text)

    cells = 0
    failures = []
    for result in root.iter(TRX_NAMESPACE + "UnitTestResult"):
        cells += 1
        outcome = result.get("outcome", "")
        if outcome != "Passed":
            message = result.find(f"{TRX_NAMESPACE}Output/{TRX_NAMESPACE}ErrorInfo/{TRX_NAMESPACE}Message")
            failures.append(f"cell '{first_line(result.get('testName'), 80)}' {outcome.lower() or 'failed'}: "
                            f"{first_line(message.text if message is not None else '')}")
    return cells, failures


def check_ipynb(path):
    with open(path, encoding="utf-8") as stream:
        notebook = json.load(stream)

    cells = 0
    failures = []
    for index, cell in enumerate(notebook.get("cells", []), start=1):
        if cell.get("cell_type") != "code":
            continue
        cells += 1
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                failures.append(f"cell {index} failed: {output.get('ename', '')} {first_line(output.get('evalue', ''))}")
    return cells, failures


def check(path):
    try:
        cells, failures = check_ipynb(path) if path.endswith(".ipynb") else check_trx(path)
    except FileNotFoundError:
        print(f"{path} was not written, so the run stopped before it finished.")
        return 1
    except (ElementTree.ParseError, json.JSONDecodeError, UnicodeDecodeError) as error:
        print(f"{path} could not be read: {error}")
        return 1

    for failure in failures:
        print(failure)
    if cells == 0:
        print(f"{path} lists no cells, so the run stopped before it executed any.")
        return 1
    return 1 if failures else 0


def updated_display_prefix(output):
    if output.get("output_type") != "display_data":
        return None
    html = "".join(output.get("data", {}).get("text/html", []))
    return next((prefix for prefix in UPDATED_DISPLAY_PREFIXES if html.startswith(prefix)), None)


def tidy(path):
    with open(path, encoding="utf-8") as stream:
        notebook = json.load(stream)

    for cell in notebook.get("cells", []):
        kept = []
        for output in cell.get("outputs", []):
            prefix = updated_display_prefix(output)
            if prefix is not None and kept and updated_display_prefix(kept[-1]) == prefix:
                kept[-1] = output
            else:
                kept.append(output)
        if "outputs" in cell:
            cell["outputs"] = kept

    write_notebook(notebook, path)
    return 0


STAMP_KEY = "kerasclassifier_outputs"


def read_notebook(path):
    with open(path, encoding="utf-8") as stream:
        return json.load(stream)


def write_notebook(notebook, path):
    # Written beside the notebook, then renamed over it, so an interrupted write leaves the old one.
    with open(path + ".tmp", "w", encoding="utf-8") as stream:
        json.dump(notebook, stream, indent=1, ensure_ascii=False)
        stream.write("\n")
    os.replace(path + ".tmp", path)


def code_cell_hashes(notebook):
    hashes = []
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        text = "".join(source) if isinstance(source, list) else source
        hashes.append(hashlib.sha256(text.replace("\r\n", "\n").encode("utf-8")).hexdigest()[:16])
    return hashes


def library_tree(path):
    # The git tree of src/ names the library sources exactly, committed or not: a dirty tree is marked.
    folder = os.path.dirname(os.path.abspath(path))
    try:
        tree = subprocess.run(["git", "rev-parse", "HEAD:src"], cwd=folder, capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "src"], cwd=folder, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return tree + ("+uncommitted" if dirty else "")


def stamp(path):
    notebook = read_notebook(path)
    notebook.setdefault("metadata", {})[STAMP_KEY] = {
        "code_cells_sha256": code_cell_hashes(notebook),
        "library_src_tree": library_tree(path),
        "executed_utc": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    write_notebook(notebook, path)
    return 0


def has_outputs(notebook):
    return any(cell.get("outputs") or cell.get("execution_count") for cell in notebook.get("cells", []))


def fresh(paths):
    stale = 0
    for path in paths:
        name = os.path.basename(path)
        refresh = f"refresh them with notebooks/run-notebooks.sh --write-outputs {name}, or clear them"
        try:
            notebook = read_notebook(path)
        except (OSError, json.JSONDecodeError, UnicodeDecodeError) as error:
            print(f"{path} could not be read: {error}")
            stale += 1
            continue

        if not has_outputs(notebook):
            continue

        recorded = notebook.get("metadata", {}).get(STAMP_KEY, {}).get("code_cells_sha256")
        current = code_cell_hashes(notebook)
        if recorded is None:
            print(f"{path} has outputs but no record of the run that made them; {refresh}.")
            stale += 1
        elif recorded != current:
            if len(recorded) != len(current):
                difference = f"the run that made them had {len(recorded)} code cells, the notebook now has {len(current)}"
            else:
                changed = next(i for i, (a, b) in enumerate(zip(recorded, current)) if a != b)
                difference = f"code cell {changed + 1} of {len(current)} changed after the run that made them"
            print(f"{path}: its outputs were made from other code cells ({difference}); {refresh}.")
            stale += 1
    return 1 if stale else 0


def main(arguments):
    commands = {"check": check, "tidy": tidy, "stamp": stamp}
    if len(arguments) == 2 and arguments[0] in commands:
        return commands[arguments[0]](arguments[1])
    if len(arguments) >= 2 and arguments[0] == "fresh":
        return fresh(arguments[1:])

    print("usage: notebook-results.py check RESULT | tidy NOTEBOOK | stamp NOTEBOOK | fresh NOTEBOOK ...", file=sys.stderr)
    return 2

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
