"""Reads cyclerd BDF exports with batterydf (the BDF project's own package)
and prints its verdict on each as one JSON line, for the Swift tests.

Usage: check_bdf.py FILE...

Each file goes through bdf.validate, which loads it with batterydf's strict
BDF reader (no vendor parsing, no column renaming) and checks the columns
against its registry: the required ones present, the rest canonical or
reported as extras, and Test Time monotonic. The line also carries the
columns batterydf read and the last row, so a test can check values survive
the trip. Exit status 0 when every file is valid, 1 otherwise.
"""
import json
import math
import sys
import warnings

import bdf
from bdf.io import load


def check(path):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        report = bdf.validate(path, report=False, raise_on_error=False)
    frame = load(path)
    last = {} if frame.empty else {
        column: (None if isinstance(value, float) and math.isnan(value) else value)
        for column, value in frame.iloc[-1].items()
    }
    return {
        "file": path,
        "ok": bool(report.get("ok")),
        "missing": list(report.get("missing", [])),
        "extras": list(report.get("extras", [])),
        "rows": int(report.get("n_rows", len(frame))),
        "monotonic": bool(report.get("time_stats", {}).get("monotonic", False)),
        "detail": report.get("detail"),
        "warnings": [str(w.message) for w in caught],
        "columns": [str(c) for c in frame.columns],
        "last": json.loads(json.dumps(last, default=float)),
    }


def main():
    results = [check(path) for path in sys.argv[1:]]
    for result in results:
        print(json.dumps(result))
    return 0 if results and all(r["ok"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
