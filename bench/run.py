#!/usr/bin/env python3
"""`make bench`: how much our pipeline costs next to MkDocs, how it scales, and what a reader downloads.

Prints a table and writes bench/results.json. Scratch projects live in bench/work/ (git-ignored).
Every measurement runs in its own process, as an editor's command would; times are wall-clock
medians (CPU medians are saved too: this machine is shared, CPU time is steadier).

Usage: python bench/run.py [--quick]   (--quick: 3 runs instead of 5, no 10,000-entry MkDocs build)
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import platform
import re
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from synth import GROUP_SIZE, choose_base, copy_project, make_synthetic  # noqa: E402

PY = sys.executable
WORK = HERE / "work"
RESULTS = HERE / "results.json"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
ENV.pop("SOURCE_DATE_EPOCH", None)
MARKER = "quokka"
"""The one word the serve measurement adds to a page (a word no page uses)."""

TARGETS = {
    "overhead_ratio": 0.10,       # our steps add at most 10% to MkDocs' own build time
    "check_10k_s": 3.0,           # 10,000 entries: load + check + render
    "check_10k_mib": 500.0,
    "growth_1k_10k": 12.0,        # near linear
    "noop_written": 0,
    "serve_refresh_s": 2.0,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 runs each and no 10,000-entry MkDocs build")
    args = parser.parse_args()
    runs = 3 if args.quick else 5
    WORK.mkdir(exist_ok=True)
    base, label, today = choose_base()
    say(f"base knowledge base: {label}; --today {today}")
    site_root = copy_project(WORK / "site", base)

    results: dict[str, Any] = {
        "when": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%MZ"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "base": label, "runs": runs, "targets": TARGETS,
    }
    results["build_vs_mkdocs"] = bench_overhead(site_root, today, runs)
    results["noop_rebuild"] = bench_noop(site_root, today)
    results["serve_refresh"] = bench_serve(site_root)
    results["reader"] = bench_reader(site_root / "site")
    results["scaling"] = bench_scaling(base, today, runs)
    results["full_build"] = bench_full_builds(base, today, skip_10k=args.quick)
    results["verdict"] = verdict(results)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print()
    print(table(results))
    print(f"\nsaved {RESULTS.relative_to(HERE.parent)}")
    return 0


# --- a. full build against MkDocs alone -------------------------------------------------------------

def bench_overhead(root: Path, today: str, runs: int) -> dict[str, Any]:
    """`build.py build` and `mkdocs build` on the same docs/, in turn, `runs` times each."""
    say("a. build.py build vs mkdocs build")
    build = [PY, "build.py", "build", "--today", today]
    mkdocs = [PY, "-m", "mkdocs", "build", "--site-dir", str(WORK / "mkdocs-only-site")]
    run_ok(build, root)  # generates docs/; every later build is what an editor's rebuild costs
    run_ok(mkdocs, root)
    ours, theirs = [], []
    for _ in range(runs):
        ours.append(timed(build, root))
        theirs.append(timed(mkdocs, root))
    wall_b, wall_m = med(ours, "wall"), med(theirs, "wall")
    cpu_b, cpu_m = med(ours, "cpu"), med(theirs, "cpu")
    return {
        "build_s": wall_b, "mkdocs_s": wall_m, "overhead_ratio": wall_b / wall_m - 1,
        "build_cpu_s": cpu_b, "mkdocs_cpu_s": cpu_m, "overhead_ratio_cpu": cpu_b / cpu_m - 1,
        "build_runs_s": [r["wall"] for r in ours], "mkdocs_runs_s": [r["wall"] for r in theirs],
    }


# --- b. load + check + render at 100, 1,000 and 10,000 FAQs -----------------------------------------

def bench_scaling(base: Path, today: str, runs: int) -> dict[str, Any]:
    """Load + check + render (no MkDocs) in a fresh process per run; median time and peak RSS."""
    out: dict[str, Any] = {}
    for count in (100, 1_000, 10_000):
        say(f"b. load + check + render, {count:,} FAQs")
        root = make_synthetic(WORK / f"kb{count}", base, count)
        samples = []
        for _ in range(runs):
            done = subprocess.run([PY, str(HERE / "check_once.py"), str(root), today], env=ENV,
                                  capture_output=True, text=True, check=True)
            samples.append(json.loads(done.stdout))
        if samples[0]["errors"]:
            raise SystemExit(f"the synthetic {count}-FAQ knowledge base has check errors")
        out[str(count)] = {
            "work_s": statistics.median(s["work_s"] for s in samples),
            "import_s": statistics.median(s["import_s"] for s in samples),
            "max_rss_mib": max(s["max_rss_mib"] for s in samples),
            "pages": samples[0]["pages"],
            "steps_s": {k: statistics.median(s["steps_s"][k] for s in samples) for k in samples[0]["steps_s"]},
            "runs_s": [s["work_s"] for s in samples],
        }
    out["growth_1k_10k"] = out["10000"]["work_s"] / out["1000"]["work_s"]
    return out


# --- c. a rebuild with nothing changed ----------------------------------------------------------------

def bench_noop(root: Path, today: str) -> dict[str, Any]:
    """Rebuild an up-to-date project: its time and how many docs/ files changed (bytes or mtime)."""
    say("c. no-op rebuild")
    before = snapshot(root / "docs")
    sample = timed([PY, "build.py", "build", "--today", today], root)
    after = snapshot(root / "docs")
    changed = sorted(path for path in after if before.get(path) != after[path])
    return {"build_s": sample["wall"], "files_written": len(changed), "changed": changed,
            "cli_says": sample["out"].strip().splitlines()[-1]}


def snapshot(docs: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(docs)): (p.stat().st_mtime_ns, p.stat().st_size) for p in docs.rglob("*") if p.is_file()}


# --- d. serve: a saved edit to the page in the browser ------------------------------------------------

def bench_serve(root: Path, trials: int = 3) -> dict[str, Any]:
    """Time from saving a one-word change in faq.yaml to the changed page being served."""
    say("d. serve refresh")
    faq = root / "data" / "faq.yaml"
    original = faq.read_text(encoding="utf-8")
    offset, page = edit_point(original)
    port = free_port()
    url = f"http://127.0.0.1:{port}/{page}"
    log = (WORK / "serve.log").open("w")
    proc = subprocess.Popen([PY, "build.py", "serve", "--dev-addr", f"127.0.0.1:{port}"], cwd=root, env=ENV,
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    times = []
    try:
        wait_for(lambda: MARKER not in fetch(url), 90)
        time.sleep(1.0)  # let the watcher settle after the first build
        for trial in range(trials):
            present = trial % 2 == 0
            text = original[:offset] + f"{MARKER} " + original[offset:] if present else original
            started = time.perf_counter()
            faq.write_text(text, encoding="utf-8")
            wait_for(lambda: (MARKER in fetch(url)) == present, 30)
            times.append(time.perf_counter() - started)
            time.sleep(1.0)
    finally:
        faq.write_text(original, encoding="utf-8")
        stop(proc)
        log.close()
    return {"refresh_s": statistics.median(times), "runs_s": times, "page": f"/{page}"}


def edit_point(text: str) -> tuple[int, str]:
    """Where to add one word: the start of the first topic's body (else a condition's summary); and its page URL."""
    from kbsite.pages import PAGE_FILES

    root = yaml.compose(text, Loader=yaml.SafeLoader)
    top = {k.value: v for k, v in root.value}
    if "topics" in top and top["topics"].value:
        entry, field = top["topics"].value[0], "body"
        page_id = {k.value: v for k, v in entry.value}["page"].value
    else:
        entry, field, page_id = top["conditions"].value[0], "summary", "uses"
    node = {k.value: v for k, v in entry.value}[field]
    index = node.start_mark.index
    if node.style in ("|", ">"):  # block scalar: the text starts on the next line, after the indent
        index = text.index("\n", index) + 1
        index += len(text[index:]) - len(text[index:].lstrip(" "))
    elif node.style in ('"', "'"):
        index += 1
    file = PAGE_FILES[page_id]
    return index, "" if file == "index.md" else file.removesuffix(".md") + "/"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return MARKER  # not up yet: counts as "not the page we wait for" in both directions below


def wait_for(condition: Callable[[], bool], timeout: float) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise SystemExit(f"serve: gave up after {timeout:.0f} s; see {WORK / 'serve.log'}")
        time.sleep(0.02)


def stop(proc: subprocess.Popen[bytes]) -> None:
    """Stop the serve process we started (and its children, in its own process group)."""
    if proc.poll() is not None:
        return
    os.killpg(proc.pid, signal.SIGINT)
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


# --- 3. full builds of large knowledge bases ----------------------------------------------------------

def bench_full_builds(base: Path, today: str, skip_10k: bool) -> dict[str, Any]:
    """One full `build.py build` (load to site/) at 1,000 and 10,000 FAQs; pages and search index size."""
    out: dict[str, Any] = {}
    for count in (1_000,) if skip_10k else (1_000, 10_000):
        say(f"3. full build, {count:,} FAQs")
        root = WORK / f"kb{count}"
        shutil.rmtree(root / "site", ignore_errors=True)
        for generated in (root / "docs").glob("*.md"):
            generated.unlink()
        sample = timed([PY, "build.py", "build", "--today", today], root)
        site = root / "site"
        out[str(count)] = {
            "build_s": sample["wall"], "cpu_s": sample["cpu"],
            "html_pages": sum(1 for _ in site.rglob("*.html")),
            "search_index_bytes": (site / "search" / "search_index.json").stat().st_size,
            "site_bytes": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()),
        }
    return out


# --- 4. what a reader downloads -----------------------------------------------------------------------

def bench_reader(site: Path) -> dict[str, Any]:
    """Bytes for a first visit to the home page and a content page: HTML, CSS, JS, search, raw and gzipped."""
    out = {}
    for name, page in (("home", "index.html"), ("content page (side-effects)", "side-effects/index.html")):
        html_file = site / page
        html = html_file.read_text(encoding="utf-8")
        refs = re.findall(r'<link rel="(?:stylesheet|icon)" href="([^"]+)"', html)
        refs += re.findall(r'<script src="([^"]+)"', html)
        refs += re.findall(r'"search": "([^"]+)"', html)  # the search worker, started on every page
        files = [html_file] + [(html_file.parent / ref).resolve() for ref in refs]
        files.append(site / "search" / "search_index.json")  # the worker fetches it on load
        kinds: dict[str, dict[str, int]] = {}
        for file in files:
            data = file.read_bytes()
            kind = {".html": "html", ".css": "css", ".js": "js", ".json": "search index"}.get(file.suffix, "other")
            entry = kinds.setdefault(kind, {"requests": 0, "raw": 0, "gzip": 0})
            entry["requests"] += 1
            entry["raw"] += len(data)
            entry["gzip"] += len(gzip.compress(data, 6, mtime=0))
        total = {key: sum(k[key] for k in kinds.values()) for key in ("requests", "raw", "gzip")}
        out[name] = {"by_kind": kinds, "total": total}
    return out


# --- helpers ------------------------------------------------------------------------------------------

def timed(command: list[str], cwd: Path) -> dict[str, Any]:
    """Run a command; its wall time and CPU time (user + system of the child)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=ENV, capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed in {cwd}:\n{done.stdout}{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": wall, "cpu": cpu, "out": done.stdout}


def run_ok(command: list[str], cwd: Path) -> None:
    timed(command, cwd)


def med(samples: list[dict[str, Any]], key: str) -> float:
    return statistics.median(s[key] for s in samples)


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def verdict(r: dict[str, Any]) -> dict[str, bool]:
    scaling = r["scaling"]
    return {
        "overhead_ratio": r["build_vs_mkdocs"]["overhead_ratio"] <= TARGETS["overhead_ratio"],
        "check_10k_s": scaling["10000"]["work_s"] <= TARGETS["check_10k_s"],
        "check_10k_mib": scaling["10000"]["max_rss_mib"] <= TARGETS["check_10k_mib"],
        "growth_1k_10k": scaling["growth_1k_10k"] <= TARGETS["growth_1k_10k"],
        "noop_written": r["noop_rebuild"]["files_written"] == TARGETS["noop_written"],
        "serve_refresh_s": r["serve_refresh"]["refresh_s"] <= TARGETS["serve_refresh_s"],
    }


def table(r: dict[str, Any]) -> str:
    """The results as a Markdown table (the README shows the same)."""
    ok = {True: "met", False: "**not met**"}
    v, a, s, c, d = r["verdict"], r["build_vs_mkdocs"], r["scaling"], r["noop_rebuild"], r["serve_refresh"]
    rows = [
        ("Full `build.py build` vs `mkdocs build` alone (median of "
         f"{r['runs']})", f"{a['build_s']:.2f} s vs {a['mkdocs_s']:.2f} s: **{a['overhead_ratio']:+.0%}** "
         f"(CPU {a['overhead_ratio_cpu']:+.0%})", "≤ +10%", ok[v["overhead_ratio"]]),
    ]
    for count in ("100", "1000", "10000"):
        row = s[count]
        rows.append((f"Load + check + render, {int(count):,} FAQs", f"{row['work_s']:.2f} s, "
                     f"{row['max_rss_mib']:.0f} MiB peak RSS, {row['pages']} pages",
                     "≤ 3 s, ≤ 500 MiB" if count == "10000" else "",
                     (ok[v["check_10k_s"] and v["check_10k_mib"]]) if count == "10000" else ""))
    rows.append(("Growth 1,000 → 10,000 FAQs", f"{s['growth_1k_10k']:.1f}×", "≤ 12×", ok[v["growth_1k_10k"]]))
    rows.append(("No-op rebuild", f"{c['build_s']:.2f} s, {c['files_written']} files written in docs/",
                 "0 files", ok[v["noop_written"]]))
    rows.append(("`serve`: save a one-word edit → page served", f"{d['refresh_s']:.2f} s "
                 f"(runs: {', '.join(f'{t:.2f}' for t in d['runs_s'])})", "≤ 2 s", ok[v["serve_refresh_s"]]))
    for count, row in r["full_build"].items():
        rows.append((f"Full build, {int(count):,} FAQs (one run)", f"{row['build_s']:.1f} s, "
                     f"{row['html_pages']} HTML pages, search index {row['search_index_bytes'] / 1e6:.2f} MB", "", ""))
    for name, page in r["reader"].items():
        t, k = page["total"], page["by_kind"]
        parts = ", ".join(f"{kind} {v_['raw'] / 1000:.0f}/{v_['gzip'] / 1000:.1f}" for kind, v_ in k.items())
        rows.append((f"First visit, {name}: requests, KB raw / gzipped",
                     f"{t['requests']} requests, {t['raw'] / 1000:.0f} KB / {t['gzip'] / 1000:.1f} KB ({parts})",
                     "", ""))
    lines = ["| Measure | Result | Target | |", "|---|---|---|---|"]
    lines += [f"| {a_} | {b_} | {c_} | {d_} |" for a_, b_, c_, d_ in rows]
    lines.append("")
    lines.append(f"Base data: {r['base']}; synthetic FAQs cycle it, {GROUP_SIZE} per group. "
                 f"{r['machine']}, {r['when']}.")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
