#!/usr/bin/python3
"""List the groups, datasets and attributes of a Keras model or weights file with h5py.

Run by hand (not by the test runner) to check that files written by KerasClassifier read
cleanly with the HDF5 library that Python Keras uses:

    /usr/bin/python3 tests/scripts/inspect_keras_file.py model.keras model.h5 model.weights.h5

Needs Debian's python3-h5py (apt install python3-h5py). A .keras archive is a zip: its members
are listed, its JSON members parsed, and its model.weights.h5 opened from memory.
"""

import io
import json
import sys
import zipfile

import h5py


def describe_attribute(name, value):
    """Return one line for an attribute; JSON configs are summarised by their layer classes."""
    if isinstance(value, bytes):
        value = value.decode("utf-8")
    if name in ("model_config", "training_config"):
        config = json.loads(value)
        if name == "model_config":
            layers = config["config"]["layers"]
            return f"@{name}: {config['class_name']} with layers {[layer['class_name'] for layer in layers]}"
        return f"@{name}: optimizer {config['optimizer_config']['class_name']}, loss {config['loss']!r}, metrics {config['metrics']}"
    if hasattr(value, "dtype") and value.dtype.kind in "OSU":
        value = [v.decode("utf-8") if isinstance(v, bytes) else str(v) for v in value]
    elif hasattr(value, "tolist"):
        value = value.tolist()
    return f"@{name} = {value!r}"


def list_hdf5(handle, indent="  "):
    """Print every group and dataset below the root, with attributes, in HDF5 name order."""
    for name, value in handle.attrs.items():
        print(f"{indent}/{describe_attribute(name, value)}")

    def visit(path, item):
        depth = indent + "  " * path.count("/")
        if isinstance(item, h5py.Dataset):
            scalar = f" = {item[()]!r}" if item.shape == () else ""
            print(f"{depth}{path}: dataset {item.dtype} {item.shape}{scalar}")
        else:
            print(f"{depth}{path}/")
        for name, value in item.attrs.items():
            print(f"{depth}  {describe_attribute(name, value)}")

    handle.visititems(visit)


def inspect(path):
    print(f"== {path}")
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                method = "stored" if info.compress_type == zipfile.ZIP_STORED else "deflated"
                print(f"  member {info.filename}: {info.file_size} bytes, {method}, {info.date_time}")
            print(f"  metadata.json: {json.loads(archive.read('metadata.json'))}")
            config = json.loads(archive.read("config.json"))
            layers = [layer["class_name"] for layer in config["config"]["layers"]]
            compiled = config.get("compile_config", {}).get("optimizer", {}).get("class_name")
            print(f"  config.json: {config['module']}.{config['class_name']} with layers {layers}, optimizer {compiled}")
            with h5py.File(io.BytesIO(archive.read("model.weights.h5")), "r") as weights:
                print("  model.weights.h5:")
                list_hdf5(weights, "    ")
    else:
        with h5py.File(path, "r") as handle:
            list_hdf5(handle)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    for argument in sys.argv[1:]:
        inspect(argument)
