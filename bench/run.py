#!/usr/bin/env python3
"""`make bench`: what `check` and `build` cost next to each engine alone, how they scale, what a reader downloads.

Prints a table (each target with "met" or "not met") and writes bench/results.json. Scratch projects live in
bench/work/ (git-ignored): a copy of the real project and synthetic ones of 100, 1,000 and 10,000 FAQs.
Every measurement is a whole process, as an editor's command is (Python's start-up included on both
sides of a comparison); times are wall-clock medians with the min–max beside them (CPU medians are
saved too: this machine is shared, CPU time is steadier).

1. `build.py check` on the real site: warm caches (reading grades, parsed YAML), cold (KBSITE_NO_CACHE=1),
   and after a one-word edit of faq.yaml (the file parsed again).
2. load + render + check in a fresh process (bench/check_once.py) at 100, 1,000 and 10,000 FAQs: time,
   peak RSS, and the pipeline's own load / render / check split; warm and cold caches.
3. `build.py build --engine E` against E alone building the same pages with the same configuration:
   a copy of the build's own stage (kbsite.site.Stage: the rendered pages, the hand-written docs/ files
   and mkdocs.yml plus the navigation, for each edition), built by E's command line, once per edition.
   Paired runs, order alternating.
4. a no-op rebuild, the `serve` refresh (MkDocs), first-visit page weight, one 10,000-FAQ build.

It keeps to about 5 minutes on 2 shared cores: if the steps before them ran slow, the 1,000-FAQ engine
comparison drops to 3 pairs and the 10,000-FAQ site build is skipped (the table says so).

Usage: python bench/run.py [--quick]   (--quick: 3 runs instead of 5, no 10,000-FAQ site build)
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import platform
import re
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
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

from synth import GROUP_SIZE, choose_base, copy_project, make_synthetic  # noqa: E402

PY = sys.executable
WORK = HERE / "work"
RESULTS = HERE / "results.json"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
ENV.pop("SOURCE_DATE_EPOCH", None)  # the build sets its own; the engines alone get the same value
ENV.pop("KBSITE_NO_CACHE", None)
ENV.pop("KBSITE_ENGINE", None)
ENV.pop("PYTHONDONTWRITEBYTECODE", None)  # compiled modules are reused between runs, as on a usual machine
ENGINES = ("mkdocs", "properdocs", "zensical")
SIZES = (100, 1_000, 10_000)
BUDGET_1K_S = 150.0
"""Past this many seconds before the 1,000-FAQ engine comparison, it runs 3 pairs instead of 5."""
BUDGET_10K_S = 280.0
"""Past this many seconds before the 10,000-FAQ site build, it is skipped."""
MARKER = "quokka"
"""The one word the serve measurement adds to a page (a word no page uses)."""

TARGETS = {
    "check_warm_s": 0.3,          # `build.py check`, whole process, real site, warm caches
    "scale_10k_s": 1.5,           # 10,000 FAQs: load + render + check in-process (warm caches)
    "scale_10k_mib": 500.0,       # ... and that process's peak RSS
    "ratio_real": 1.2,            # full build / the engine alone, real site, each engine
    "ratio_1k": 1.1,              # the same at 1,000 FAQs
    "noop_written": 0,            # a rebuild with nothing changed writes no file in docs/
    "serve_refresh_s": 2.0,       # MkDocs' live preview: save → changed page served
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 runs each and no 10,000-FAQ site build")
    args = parser.parse_args()
    runs = 3 if args.quick else 5
    began = time.perf_counter()
    WORK.mkdir(exist_ok=True)
    os.chdir(WORK)  # in-process checks below keep their caches in bench/work/.cache, not the project's
    base, label, today = choose_base()
    say(f"base knowledge base: {label}; --today {today}")
    real = copy_project(WORK / "site", base)
    synthetic = {count: make_synthetic(WORK / f"kb{count}", base, count) for count in SIZES}
    english_only = english_edition(synthetic[10_000], WORK / "kb10000-en")  # the target was set for one edition

    results: dict[str, Any] = {
        "when": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%MZ"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "versions": versions(),
        "base": label, "today": today, "runs": runs, "targets": TARGETS,
    }
    sections: dict[str, float] = {}

    def section(name: str, run: Callable[[], Any]) -> Any:
        started = time.perf_counter()
        value = run()
        sections[name] = time.perf_counter() - started
        say(f"   ({sections[name]:.0f} s; {time.perf_counter() - began:.0f} s so far)")
        return value

    results["check"] = section("check", lambda: bench_check(real, today, runs))
    results["scaling"] = section("scaling", lambda: bench_scaling(synthetic, today, runs))
    results["scaling"]["10000 en"] = section("scaling en", lambda: bench_warm(english_only, today, runs))
    results["engines"] = {"real": section("engines real", lambda: bench_engines(real, today, runs, "real site"))}
    runs_1k = runs if time.perf_counter() - began < BUDGET_1K_S else min(runs, 3)
    results["engines"]["1000"] = section("engines 1000", lambda: bench_engines(synthetic[1_000], today, runs_1k,
                                                                               "1,000 FAQs"))
    results["noop_rebuild"] = section("noop", lambda: bench_noop(real, today))  # MkDocs: site/ as MkDocs built it
    results["reader"] = bench_reader(real / "site")
    results["serve_refresh"] = section("serve", lambda: bench_serve(real))
    if args.quick:
        results["full_build"] = {"skipped": "--quick"}
    elif time.perf_counter() - began > BUDGET_10K_S:
        results["full_build"] = {"skipped": f"over {BUDGET_10K_S:.0f} s already"}
    else:
        results["full_build"] = {"10000": section("full build 10000", lambda: bench_full_build(synthetic[10_000],
                                                                                                today))}
    results["verdict"] = verdict(results)
    results["section_s"] = sections
    results["bench_s"] = time.perf_counter() - began
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print()
    print(table(results))
    print(f"\nsaved {RESULTS.relative_to(REPO)} ({results['bench_s']:.0f} s in all)")
    return 0


# --- 1. build.py check, warm and cold ---------------------------------------------------------------------

def bench_check(root: Path, today: str, runs: int) -> dict[str, Any]:
    """`build.py check` on the real site as a whole process: warm caches and KBSITE_NO_CACHE=1, in turn; then
    after a one-word edit of faq.yaml each time (the file is parsed again; the grades of both versions are
    remembered after the first two runs)."""
    say("1. build.py check (real site), warm, cold and after an edit")
    command = [PY, "build.py", "check", "--today", today]
    timed(command, root)  # fills the project's caches (grades, parsed YAML), and the compiled modules
    warm, cold, edited = [], [], []
    for i in range(runs):
        pair = [(warm, {}), (cold, {"KBSITE_NO_CACHE": "1"})]
        for samples, extra in pair if i % 2 == 0 else pair[::-1]:
            samples.append(timed(command, root, extra))
    faq = root / "data" / "faq.yaml"
    original = faq.read_text(encoding="utf-8")
    offset, _ = edit_point(original)
    try:
        for i in range(runs + 2):  # two runs to grade both versions once, then the measured ones
            faq.write_text(original[:offset] + f"{MARKER} " + original[offset:] if i % 2 == 0 else original,
                           encoding="utf-8")
            sample = timed(command, root)
            if i >= 2:
                edited.append(sample)
    finally:
        faq.write_text(original, encoding="utf-8")
    return {"warm": summary(warm), "cold": summary(cold), "edited": summary(edited)}


# --- 2. load + render + check at 100, 1,000 and 10,000 FAQs -----------------------------------------------

def bench_scaling(roots: dict[int, Path], today: str, runs: int) -> dict[str, Any]:
    """bench/check_once.py in a fresh process per run: time, the pipeline's steps and peak RSS; warm and cold."""
    out: dict[str, Any] = {}
    for count, root in roots.items():
        say(f"2. load + render + check, {count:,} FAQs")
        once(root, today, {})  # fills this project's caches (grades, parsed YAML)
        warm, cold = [], []
        cold_runs = runs if count < 10_000 else min(runs, 3)  # a cold 10,000 grades 200+ pages each time
        for i in range(runs):
            warm.append(once(root, today, {}))
            if i < cold_runs:
                cold.append(once(root, today, {"KBSITE_NO_CACHE": "1"}))
        out[str(count)] = {"pages": warm[0]["pages"], "warm": scale_summary(warm), "cold": scale_summary(cold)}
    out["growth_1k_10k"] = out["10000"]["warm"]["work_s"] / out["1000"]["warm"]["work_s"]
    return out


def english_edition(root: Path, dest: Path) -> Path:
    """A copy of a project without its translations: the English edition alone."""
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(root, dest, ignore=shutil.ignore_patterns(".cache", "site", ".site-*"))
    for translation in (dest / "data").glob("es.*"):
        translation.unlink()
    return dest


def bench_warm(root: Path, today: str, runs: int) -> dict[str, Any]:
    """Load + render + check, warm caches only."""
    say(f"2. load + render + check, {root.name}, warm")
    once(root, today, {})
    warm = [once(root, today, {}) for _ in range(runs)]
    return {"pages": warm[0]["pages"], "warm": scale_summary(warm)}


def once(root: Path, today: str, extra: dict[str, str]) -> dict[str, Any]:
    done = subprocess.run([PY, str(HERE / "check_once.py"), str(root), today], cwd=root, env={**ENV, **extra},
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"check_once.py failed on {root}:\n{done.stdout}{done.stderr}")
    sample = json.loads(done.stdout)
    if sample["errors"]:
        raise SystemExit(f"the knowledge base in {root} has {sample['errors']} check errors")
    return sample


def scale_summary(samples: list[dict[str, Any]]) -> dict[str, Any]:
    steps = samples[0]["steps_s"]
    return {
        "work_s": statistics.median(s["work_s"] for s in samples),
        "work_range_s": [min(s["work_s"] for s in samples), max(s["work_s"] for s in samples)],
        "import_s": statistics.median(s["import_s"] for s in samples),
        "max_rss_mib": max(s["max_rss_mib"] for s in samples),
        "steps_s": {k: statistics.median(s["steps_s"].get(k, 0.0) for s in samples) for k in steps},
        "runs_s": [s["work_s"] for s in samples],
    }


# --- 3. full build against each engine alone on the same pages --------------------------------------------

ENGINE_ALONE = {
    "mkdocs": ["-m", "mkdocs", "build", "--strict", "-f"],
    "properdocs": ["-m", "properdocs", "build", "--strict", "-f"],
    "zensical": ["-m", "zensical", "build", "--strict", "--clean", "-f"],  # --clean: as kbsite runs it
}


def bench_engines(root: Path, today: str, runs: int, label: str) -> dict[str, Any]:
    """Per engine: `build.py build --engine E` and E's own command on a copy of the build's stage, paired.

    A site with a translated edition is one configuration per edition (English at the root, each translation
    in its folder): the engine alone runs its command once for each, one after the other, as a site
    built without kbsite would be; a pair compares our one process with the sum of those.
    """
    stage, configs, epoch = copy_of_stage(root, WORK / f"stage-{root.name}")
    out: dict[str, Any] = {"label": label, "runs": runs, "editions": len(configs)}
    for name in ENGINES:
        say(f"3. build.py build vs {name} alone, {label}")
        ours_cmd = [PY, "build.py", "build", "--engine", name, "--today", today]
        theirs_cmds = [[PY, *ENGINE_ALONE[name], str(config)] for config in configs]
        theirs_env = {"SOURCE_DATE_EPOCH": epoch}

        def theirs() -> dict[str, Any]:
            for scratch in (stage / "site", stage / ".cache"):  # a fresh output folder, as the build's stage is
                shutil.rmtree(scratch, ignore_errors=True)
            samples = [timed(command, stage, theirs_env) for command in theirs_cmds]
            return {"wall": sum(s["wall"] for s in samples), "cpu": sum(s["cpu"] for s in samples),
                    "out": "".join(s["out"] for s in samples)}

        ours_s, theirs_s = [], []
        try:
            timed(ours_cmd, root)  # first build: writes docs/, fills the caches and compiled modules
            theirs()
            for i in range(runs):
                if i % 2 == 0:
                    ours_s.append(timed(ours_cmd, root))
                    theirs_s.append(theirs())
                else:
                    theirs_s.append(theirs())
                    ours_s.append(timed(ours_cmd, root))
        except RunFailed as exc:  # a build that fails is a result (a target not met), not the end of the bench
            message = str(exc).split(":\n", 1)[-1].strip()
            say(f"   {name} failed: {message[:300]}")
            out[name] = {"failed": message}
            continue
        o, t = summary(ours_s), summary(theirs_s)
        out[name] = {
            "build": o, "alone": t, "ratio": o["wall_s"] / t["wall_s"], "ratio_cpu": o["cpu_s"] / t["cpu_s"],
            "pair_ratios": [a["wall"] / b["wall"] for a, b in zip(ours_s, theirs_s)],
            "output": compare_sites(root / "site", stage / "site"),
        }
    return out


def copy_of_stage(root: Path, dest: Path) -> tuple[Path, list[Path], str]:
    """What `build` hands the engine: kbsite.site.Stage filled by the build's own code, copied out to `dest`.

    Returns the folder (each edition's configuration and docs; the engine builds site/ there), the
    configurations in build order (English first), and the build's SOURCE_DATE_EPOCH.
    """
    from kbsite.pipeline import Paths, prepare, stage_editions
    from kbsite.site import Stage

    paths = Paths.at(root)
    prepared = prepare(paths)  # load + render only: the pages the build stages
    shutil.rmtree(dest, ignore_errors=True)
    holder = dest.with_name(dest.name + "-tmp")
    shutil.rmtree(holder, ignore_errors=True)
    holder.mkdir()
    with Stage(paths.config, holder / "site") as stage:  # staged by the build's own step 2
        configs = stage_editions(stage, prepared, paths.docs)
        shutil.copytree(stage.folder, dest)
        configs = [dest / config.relative_to(stage.folder) for config in configs]
    shutil.rmtree(holder, ignore_errors=True)
    day = max(page.last_reviewed for page in prepared.kb.pages)
    epoch = dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp()
    return dest, configs, str(int(epoch))


def compare_sites(ours: Path, theirs: Path) -> dict[str, Any]:
    """Both builds should be the same site: HTML pages in each, and how many differ in bytes."""
    mine = {p.relative_to(ours): p for p in ours.rglob("*.html")}
    other = {p.relative_to(theirs): p for p in theirs.rglob("*.html")}
    differ = sum(1 for rel in mine.keys() & other.keys() if mine[rel].read_bytes() != other[rel].read_bytes())
    index = next((ours / p for p in ("search/search_index.json", "search.json") if (ours / p).is_file()), None)
    return {"html_pages": len(mine), "html_pages_alone": len(other), "html_differ": differ,
            "only_one_side": len(mine.keys() ^ other.keys()),
            "search_index_bytes": index.stat().st_size if index else None,
            "site_bytes": sum(p.stat().st_size for p in ours.rglob("*") if p.is_file())}


# --- 4a. a rebuild with nothing changed -------------------------------------------------------------------

def bench_noop(root: Path, today: str) -> dict[str, Any]:
    """Rebuild an up-to-date project (MkDocs): its time and how many docs/ files changed (bytes or mtime)."""
    say("4. no-op rebuild")
    command = [PY, "build.py", "build", "--engine", "mkdocs", "--today", today]
    before = snapshot(root / "docs")
    sample = timed(command, root)
    after = snapshot(root / "docs")
    changed = sorted(path for path in after.keys() | before.keys() if before.get(path) != after.get(path))
    return {"build_s": sample["wall"], "files_written": len(changed), "changed": changed,
            "cli_says": sample["out"].strip().splitlines()[-1]}


def snapshot(docs: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(docs)): (p.stat().st_mtime_ns, p.stat().st_size) for p in docs.rglob("*") if p.is_file()}


# --- 4b. serve: a saved edit to the page in the browser ---------------------------------------------------

def bench_serve(root: Path, trials: int = 3) -> dict[str, Any]:
    """Time from saving a one-word change in faq.yaml to the changed page being served (MkDocs)."""
    say("4. serve refresh (mkdocs)")
    faq = root / "data" / "faq.yaml"
    original = faq.read_text(encoding="utf-8")
    offset, page = edit_point(original)
    port = free_port()
    url = f"http://127.0.0.1:{port}/{page}"
    log = (WORK / "serve.log").open("w")
    proc = subprocess.Popen([PY, "build.py", "serve", "--engine", "mkdocs", "--dev-addr", f"127.0.0.1:{port}"],
                            cwd=root, env=ENV, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
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


# --- 4c. one full build of 10,000 FAQs --------------------------------------------------------------------

def bench_full_build(root: Path, today: str) -> dict[str, Any]:
    """One `build.py build` (MkDocs) from nothing at 10,000 FAQs: time, pages, search index size."""
    say("4. full build, 10,000 FAQs (mkdocs, one run)")
    shutil.rmtree(root / "site", ignore_errors=True)
    for generated in (root / "docs").glob("*.md"):
        generated.unlink()
    sample = timed([PY, "build.py", "build", "--engine", "mkdocs", "--today", today], root)
    site = root / "site"
    return {"build_s": sample["wall"], "cpu_s": sample["cpu"], "html_pages": sum(1 for _ in site.rglob("*.html")),
            "search_index_bytes": (site / "search" / "search_index.json").stat().st_size,
            "site_bytes": sum(p.stat().st_size for p in site.rglob("*") if p.is_file())}


# --- 4d. what a reader downloads --------------------------------------------------------------------------

def bench_reader(site: Path) -> dict[str, Any]:
    """Bytes for a first visit to the home page and a content page: HTML, CSS, JS, search, raw and gzipped."""
    say("4. first-visit page weight (mkdocs site)")
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


# --- helpers ----------------------------------------------------------------------------------------------

class RunFailed(SystemExit):
    """A measured command exited non-zero: the benchmark stops, except where a failure is itself a result."""


def timed(command: list[str], cwd: Path, extra_env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run a command to the end; its wall time and CPU time (user + system of the child and its children)."""
    before = os.times()
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env={**ENV, **(extra_env or {})}, capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = os.times()
    if done.returncode != 0:
        raise RunFailed(f"{' '.join(command)} failed in {cwd}:\n{done.stdout}{done.stderr}")
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return {"wall": wall, "cpu": cpu, "out": done.stdout}


def summary(samples: list[dict[str, Any]]) -> dict[str, Any]:
    walls = [s["wall"] for s in samples]
    return {"wall_s": statistics.median(walls), "min_s": min(walls), "max_s": max(walls),
            "cpu_s": statistics.median(s["cpu"] for s in samples), "runs_s": walls}


def versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for name in ("mkdocs", "mkdocs-material", "properdocs", "zensical", "pydantic", "PyYAML", "Jinja2", "textstat"):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = "not installed"
    return out


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def verdict(r: dict[str, Any]) -> dict[str, bool]:
    ten = r["scaling"]["10000"]["warm"]
    out = {
        "check_warm_s": r["check"]["warm"]["wall_s"] <= TARGETS["check_warm_s"],
        "scale_10k_s": ten["work_s"] <= TARGETS["scale_10k_s"],
        "scale_10k_mib": ten["max_rss_mib"] <= TARGETS["scale_10k_mib"],
        "noop_written": r["noop_rebuild"]["files_written"] == TARGETS["noop_written"],
        "serve_refresh_s": r["serve_refresh"]["refresh_s"] <= TARGETS["serve_refresh_s"],
    }
    for key, target in (("real", "ratio_real"), ("1000", "ratio_1k")):
        for name in ENGINES:
            row = r["engines"][key][name]
            out[f"{target}_{name}"] = "failed" not in row and row["ratio"] <= TARGETS[target]
    return out


OK = {True: "met", False: "**not met**"}


def spread(row: dict[str, Any], key: str = "wall_s") -> str:
    return f"{row[key]:.2f} s ({row['min_s']:.2f}–{row['max_s']:.2f}; CPU {row['cpu_s']:.2f} s)"


def table(r: dict[str, Any]) -> str:
    """The results as a Markdown table (the README shows the same)."""
    v, c, s, n = r["verdict"], r["check"], r["scaling"], r["runs"]
    rows = [
        (f"1. `build.py check`, real site, warm caches (median of {n}, min–max)", spread(c["warm"]),
         f"≤ {TARGETS['check_warm_s']} s", OK[v["check_warm_s"]]),
        ("1. `build.py check`, real site, after a one-word edit of faq.yaml (parsed again, grades remembered)",
         spread(c["edited"]), "", ""),
        ("1. `build.py check`, real site, cold (`KBSITE_NO_CACHE=1`)", spread(c["cold"]), "", ""),
    ]
    for count in SIZES:
        row = s[str(count)]
        w, k = row["warm"], row["cold"]
        target = f"≤ {TARGETS['scale_10k_s']} s, ≤ {TARGETS['scale_10k_mib']:.0f} MiB" if count == 10_000 else ""
        met = OK[v["scale_10k_s"] and v["scale_10k_mib"]] if count == 10_000 else ""
        if count == 10_000 and v["scale_10k_s"] != v["scale_10k_mib"]:
            met = f"time {OK[v['scale_10k_s']]}, memory {OK[v['scale_10k_mib']]}"
        rows.append((f"2. Load + render + check in-process, {count:,} FAQs ({row['pages']} pages): warm / cold caches",
                     f"{w['work_s']:.2f} s ({w['work_range_s'][0]:.2f}–{w['work_range_s'][1]:.2f}) / "
                     f"{k['work_s']:.2f} s; peak RSS {w['max_rss_mib']:.0f} / {k['max_rss_mib']:.0f} MiB",
                     target, met))
    if "10000 en" in s:
        w = s["10000 en"]["warm"]
        rows.append((f"2. … 10,000 FAQs, the English edition alone ({s['10000 en']['pages']} pages), warm",
                     f"{w['work_s']:.2f} s ({w['work_range_s'][0]:.2f}–{w['work_range_s'][1]:.2f}); "
                     f"peak RSS {w['max_rss_mib']:.0f} MiB; " + ", ".join(f"{key} {val:.2f}" for key, val
                                                                     in w["steps_s"].items()),
                     f"≤ {TARGETS['scale_10k_s']} s", OK[w["work_s"] <= TARGETS["scale_10k_s"]]))
    ten = s["10000"]
    split = lambda part: ", ".join(f"{key} {val:.2f}" for key, val in ten[part]["steps_s"].items())  # noqa: E731
    rows.append(("2. … 10,000 FAQs, where the time goes (s)", f"warm: {split('warm')}; cold: {split('cold')}; "
                 f"imports before it {ten['warm']['import_s']:.2f}", "", ""))
    for key, target in (("real", "ratio_real"), ("1000", "ratio_1k")):
        group = r["engines"][key]
        for name in ENGINES:
            e = group[name]
            if "failed" in e:
                failed = " ".join(e["failed"].split()).replace("|", "\\|")
                rows.append((f"3. `build.py build` vs {name} alone, {group['label']}",
                             f"**the build failed**: {failed[:240]}{'…' if len(failed) > 240 else ''}",
                             f"≤ {TARGETS[target]}×", OK[False]))
                continue
            out = e["output"]
            same = ("identical HTML" if not (out["only_one_side"] or out["html_differ"]) else
                    f"HTML differs: {out['html_differ']} pages, {out['only_one_side']} on one side only")
            editions = f", {group['editions']} editions" if group.get("editions", 1) > 1 else ""
            rows.append((f"3. `build.py build` vs {name} alone, {group['label']} ({out['html_pages']} pages{editions}, "
                         f"{same}; median of {group['runs']} pairs)",
                         f"{e['build']['wall_s']:.2f} s vs {e['alone']['wall_s']:.2f} s: **{e['ratio']:.2f}×** "
                         f"(ours {e['build']['min_s']:.2f}–{e['build']['max_s']:.2f}, alone "
                         f"{e['alone']['min_s']:.2f}–{e['alone']['max_s']:.2f}; CPU {e['ratio_cpu']:.2f}×)",
                         f"≤ {TARGETS[target]}×", OK[v[f'{target}_{name}']]))
    d, z = r["noop_rebuild"], r["serve_refresh"]
    rows.append(("4. No-op rebuild (MkDocs)", f"{d['build_s']:.2f} s, {d['files_written']} files written in docs/",
                 "0 files", OK[v["noop_written"]]))
    rows.append(("4. `serve` (MkDocs): save a one-word edit → page served",
                 f"{z['refresh_s']:.2f} s (runs: {', '.join(f'{t:.2f}' for t in z['runs_s'])})",
                 f"≤ {TARGETS['serve_refresh_s']:.0f} s", OK[v["serve_refresh_s"]]))
    for count, row in r["full_build"].items():
        if count == "skipped":
            rows.append(("4. Full build from nothing, 10,000 FAQs (MkDocs, one run)", f"skipped ({row})", "", ""))
            continue
        rows.append((f"4. Full build from nothing, {int(count):,} FAQs (MkDocs, one run)",
                     f"{row['build_s']:.1f} s, {row['html_pages']} HTML pages, "
                     f"search index {row['search_index_bytes'] / 1e6:.2f} MB", "", ""))
    for name, page in r["reader"].items():
        t, k = page["total"], page["by_kind"]
        parts = ", ".join(f"{kind} {v_['raw'] / 1000:.0f}/{v_['gzip'] / 1000:.1f}" for kind, v_ in k.items())
        rows.append((f"4. First visit, {name}: requests, KB raw / gzipped",
                     f"{t['requests']} requests, {t['raw'] / 1000:.0f} KB / {t['gzip'] / 1000:.1f} KB ({parts})",
                     "", ""))
    lines = ["| Measure | Result | Target | Met? |", "|---|---|---|---|"]
    lines += [f"| {a_} | {b_} | {c_} | {d_} |" for a_, b_, c_, d_ in rows]
    lines.append("")
    ver = r["versions"]
    lines.append(f"Base data: {r['base']}; synthetic FAQs cycle it, {GROUP_SIZE} per group. {r['machine']}; "
                 f"MkDocs {ver['mkdocs']} + Material {ver['mkdocs-material']}, ProperDocs {ver['properdocs']}, "
                 f"Zensical {ver['zensical']}; {r['when']}.")
    missed = [key for key, met in v.items() if not met]
    lines.append(f"Targets: {len(v) - len(missed)} of {len(v)} met"
                 + (f"; not met: {', '.join(missed)}." if missed else ".")
                 + f" The benchmark took {r['bench_s']:.0f} s.")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
