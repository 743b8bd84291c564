#!/usr/bin/env python3
"""Reads the result of one headless dotnet-repl notebook run.

Usage:
  notebook-results.py check RESULT   print the failed cells; exit 1 when any cell failed
  notebook-results.py tidy NOTEBOOK  keep only the last state of each display that was updated

RESULT is the file that `dotnet repl --run` wrote: a TRX file (--output-format trx, one test per
cell) or an executed notebook (--output-format ipynb). A missing result, or one without cells,
counts as a failure, because the run stopped before it wrote one.

dotnet-repl 0.3.259 writes every update of a displayed value as a new output, where a notebook
editor would replace the display in place. `tidy` keeps the last of each run of consecutive
updates: the live training display of KerasClassifier.Interactive and the package-install
progress of .NET Interactive.
"""
import json
import os
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

    with open(path + ".tmp", "w", encoding="utf-8") as stream:
        json.dump(notebook, stream, indent=1, ensure_ascii=False)
        stream.write("\n")
    os.replace(path + ".tmp", path)
    return 0


def main(arguments):
    if len(arguments) != 2 or arguments[0] not in ("check", "tidy"):
        print("usage: notebook-results.py check RESULT | tidy NOTEBOOK", file=sys.stderr)
        return 2
    return check(arguments[1]) if arguments[0] == "check" else tidy(arguments[1])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
