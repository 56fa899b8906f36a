"""Prints the comparison table: per-fit time, speed ratio, recovery error on
resistances (median and max %), and failures (an error, or any resistance
more than 3 % from the truth, the issue's acceptance bar)."""
import json
import statistics
import sys
from pathlib import Path


def resistance_names(names):
    # Resistances: R*, and the Z0 of finite Warburgs (Wo*_0); not L, Q, n, tau or A_W.
    return [n for n in names if n.startswith("R") or (n.startswith("Wo") and n.endswith("_0"))]


def score(truth, results):
    errors, failures, fits = [], 0, 0
    for name, entry in truth.items():
        result = results.get(name)
        fits += 1
        if result is None or "parameters" not in result:
            failures += 1
            continue
        worst = 0.0
        for p in resistance_names(entry["names"]):
            true = entry["parameters"][entry["names"].index(p)]
            err = abs(result["parameters"][p] / true - 1) * 100
            errors.append(err)
            worst = max(worst, err)
        if worst > 3:
            failures += 1
    return errors, failures, fits


def main():
    directory = Path(sys.argv[1])
    truth = json.loads((directory / "truth.json").read_text())
    cycler = {}
    for line in Path(sys.argv[2]).read_text().splitlines():
        r = json.loads(line)
        cycler[Path(r["file"]).name] = r
    imp = {}
    for line in Path(sys.argv[3]).read_text().splitlines():
        r = json.loads(line)
        imp[r["file"]] = r
    cycler_seconds = float(sys.argv[4])
    cycler_nokk_seconds = float(sys.argv[5])
    n = len(truth)
    imp_time = sum(r["seconds"] for r in imp.values()) / n
    rows = []
    for label, results, per_fit in [
        ("cyclerctl eis fit (no guess, + lin-KK)", cycler, cycler_seconds / n),
        ("cyclerctl eis fit (no guess, --no-kk)", cycler, cycler_nokk_seconds / n),
        ("impedance.py 1.7.1 (truth ±25 % guess)", imp, imp_time),
    ]:
        errors, failures, fits = score(truth, results)
        rows.append((label, per_fit, statistics.median(errors), max(errors), failures, fits))
    print(f"{n} spectra ({', '.join(sorted({e['circuit'] for e in truth.values()}))}), 1 % noise")
    print(f"{'tool':44} {'ms/fit':>9} {'median %':>9} {'max %':>9} {'failures':>9}")
    for label, per_fit, med, mx, failures, fits in rows:
        print(f"{label:44} {per_fit * 1e3:9.3f} {med:9.3f} {mx:9.2f} {failures:5d}/{fits}")
    print(f"speed ratio (impedance.py / cyclerctl): {imp_time / (cycler_seconds / n):.0f}x with lin-KK, "
          f"{imp_time / (cycler_nokk_seconds / n):.0f}x fitting only")
    print("per-fit time: cyclerctl is whole-process wall time / spectra (parsing, fitting, output included);"
          " impedance.py is the fit call alone")
    for circuit in sorted({e["circuit"] for e in truth.values()}):
        sub = {k: v for k, v in truth.items() if v["circuit"] == circuit}
        c = score(sub, cycler)
        i = score(sub, imp)
        print(f"  {circuit:34} cyclerctl failures {c[1]:3d}/{c[2]}, max {max(c[0]):7.2f} %;"
              f" impedance.py failures {i[1]:3d}/{i[2]}, max {max(i[0]):7.2f} %")


if __name__ == "__main__":
    main()
