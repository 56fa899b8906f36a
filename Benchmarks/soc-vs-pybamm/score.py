"""Scores `cyclerctl soc` outputs against PyBaMM's SOC: RMSE over the whole
run, the largest error after the first 5 minutes, and the fraction of
samples whose truth lies within 2σ of the estimate, against the issue's goals.

usage: score.py TRUTH.csv LABEL=SOC.csv...
"""
import csv
import math
import sys

GOALS = {"rmse": 0.015, "max_after_5_min": 0.05, "coverage_2sigma": 0.85}


def main():
    truth = {row["time_s"]: float(row["soc"]) for row in csv.DictReader(open(sys.argv[1]))}
    print(f"{'run':28} {'RMSE %':>8} {'max err after 5 min %':>22} {'2σ coverage %':>14}  goals met")
    for argument in sys.argv[2:]:
        label, path = argument.split("=", 1)
        errors, late, covered = [], [], 0
        for row in csv.DictReader(open(path)):
            if not row["soc"]:
                continue
            e = float(row["soc"]) - truth[row["time_s"]]
            errors.append(e)
            covered += abs(e) <= 2 * float(row["soc_sigma"])
            if float(row["time_s"]) >= 300:
                late.append(abs(e))
        rmse = math.sqrt(sum(e * e for e in errors) / len(errors))
        worst, coverage = max(late), covered / len(errors)
        met = rmse < GOALS["rmse"] and worst < GOALS["max_after_5_min"] and coverage >= GOALS["coverage_2sigma"]
        print(f"{label:28} {100 * rmse:8.2f} {100 * worst:22.2f} {100 * coverage:14.1f}  {'yes' if met else 'NO'}")
    print(f"goals: RMSE < {100 * GOALS['rmse']:.1f} %, max error after 5 min < {100 * GOALS['max_after_5_min']:.0f} %, "
          f"2σ coverage >= {100 * GOALS['coverage_2sigma']:.0f} %")


if __name__ == "__main__":
    main()
