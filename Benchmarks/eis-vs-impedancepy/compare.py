"""Prints the comparison table: per-fit time, speed ratio, recovery error on
resistances (median and max %), and failures.

A failure is an error, or a judged parameter off the truth by more than the
issue's bar: 3 % for a resistance (R*, and a finite Warburg's Z0), 0.03 for
a CPE exponent. A parameter is judged only where the spectrum identifies it:
its Cramer-Rao bound, read as the standard error of cyclerctl's fit started
at the truth, is a third of the bar or less. A spectrum none of whose
parameters the truth-started fit can give a standard error for is not
well-posed and is left out of the failure counts.

usage: compare.py SPECTRA COLD.jsonl IMPEDANCEPY.jsonl SECONDS_WITH_KK SECONDS_NO_KK TRUTH_STARTED.jsonl
"""
import json
import statistics
import sys
from pathlib import Path

RESISTANCE_BAR, EXPONENT_BAR = 0.03, 0.03


def is_resistance(name):
    return name.startswith("R") or (name.startswith("Wo") and name.endswith("_0"))


def is_exponent(name):
    return name.startswith("CPE") and name.endswith("_1")


def judged(entry, bound):
    """The parameters this spectrum identifies, by their Cramer-Rao bound."""
    if bound is None or not bound.get("trustworthy", True):
        return None
    names = []
    for name, true in zip(entry["names"], entry["parameters"]):
        sigma = bound["standard_errors"].get(name)
        if sigma is None:
            continue
        if is_resistance(name) and sigma / true <= RESISTANCE_BAR / 3:
            names.append(name)
        elif is_exponent(name) and sigma <= EXPONENT_BAR / 3:
            names.append(name)
    return names


def score(truth, results, judged_names):
    errors, failures, fits = [], 0, 0
    for name, entry in truth.items():
        names = judged_names[name]
        if names is None:
            continue
        fits += 1
        result = results.get(name)
        if result is None or "parameters" not in result:
            failures += 1
            continue
        failed = False
        for p in entry["names"]:
            true = entry["parameters"][entry["names"].index(p)]
            value = result["parameters"][p]
            if is_resistance(p):
                errors.append(abs(value / true - 1) * 100)
                failed |= p in names and abs(value / true - 1) > RESISTANCE_BAR
            elif is_exponent(p):
                failed |= p in names and abs(value - true) > EXPONENT_BAR
        failures += failed
    return errors, failures, fits


def read(path, key=lambda r: Path(r["file"]).name):
    return {key(r): r for r in map(json.loads, Path(path).read_text().splitlines())}


def main():
    directory = Path(sys.argv[1])
    truth = json.loads((directory / "truth.json").read_text())
    cycler = read(sys.argv[2])
    imp = read(sys.argv[3], key=lambda r: r["file"])
    cycler_seconds, cycler_nokk_seconds = float(sys.argv[4]), float(sys.argv[5])
    started = read(sys.argv[6])
    judged_names = {name: judged(entry, started.get(name)) for name, entry in truth.items()}
    every_name = {name: [p for p in entry["names"] if is_resistance(p) or is_exponent(p)] for name, entry in truth.items()}
    n = len(truth)
    well_posed = sum(names is not None for names in judged_names.values())
    judged_count = sum(len(names) for names in judged_names.values() if names is not None)
    candidates = sum(len(names) for names in every_name.values())
    imp_time = sum(r["seconds"] for r in imp.values()) / n
    print(f"{n} spectra ({', '.join(sorted({e['circuit'] for e in truth.values()}))}), 1 % noise; "
          f"{well_posed} well-posed (the truth-started fit gives standard errors)")
    print(f"{'tool':44} {'ms/fit':>9} {'median %':>9} {'max %':>9} {'failures':>9}")
    for label, results, per_fit in [
        ("cyclerctl eis fit (no guess, + lin-KK)", cycler, cycler_seconds / n),
        ("cyclerctl eis fit (no guess, --no-kk)", cycler, cycler_nokk_seconds / n),
        ("cyclerctl eis fit (started at the truth)", started, None),
        ("impedance.py 1.7.1 (truth ±25 % guess)", imp, imp_time),
    ]:
        errors, failures, fits = score(truth, results, judged_names)
        time = f"{per_fit * 1e3:9.3f}" if per_fit is not None else f"{'-':>9}"
        print(f"{label:44} {time} {statistics.median(errors):9.3f} {max(errors):9.2f} {failures:5d}/{fits}")
    print(f"speed ratio (impedance.py / cyclerctl): {imp_time / (cycler_seconds / n):.0f}x with lin-KK, "
          f"{imp_time / (cycler_nokk_seconds / n):.0f}x fitting only")
    print("per-fit time: cyclerctl is whole-process wall time / spectra (parsing, fitting, output included);"
          " impedance.py is the fit call alone")
    print(f"failures: a judged resistance off by more than {RESISTANCE_BAR:.0%} or a judged CPE exponent by more than "
          f"{EXPONENT_BAR}; judged = Cramer-Rao bound at most a third of that ({judged_count} of {candidates} "
          "resistances and exponents)")
    raw = [score(truth, r, every_name)[1] for r in (cycler, started, imp)]
    print(f"judging every resistance and exponent regardless of its bound: no guess {raw[0]}, at truth {raw[1]}, "
          f"impedance.py {raw[2]} of {n} (the excess over 0 is the noise's, as the truth-started fit shows)")
    for circuit in sorted({e["circuit"] for e in truth.values()}):
        sub = {k: v for k, v in truth.items() if v["circuit"] == circuit}
        c, s, i = (score(sub, r, judged_names) for r in (cycler, started, imp))
        print(f"  {circuit:34} failures: no guess {c[1]:3d}/{c[2]}, at truth {s[1]:3d}/{s[2]}, impedance.py {i[1]:3d}/{i[2]}")


if __name__ == "__main__":
    main()
