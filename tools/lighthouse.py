#!/usr/bin/env python3
"""Run Lighthouse (mobile) on the home page and a content page of the built site; write the scores as JSON.

Usage: python tools/lighthouse.py [--site site] [--out bench/lighthouse.json]
Needs `npm ci` (Lighthouse from package-lock.json) and Chromium ($CHROME_PATH, default /usr/bin/chromium).
Serves site/ on 127.0.0.1 in-process (text gzip-compressed, as GitHub Pages serves it), so nothing leaves the
machine. Exit 1 when a score misses its target.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
PAGES = {"home": "", "side-effects": "side-effects/"}
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
CHROME_FLAGS = ("--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update "
                "--disable-sync --no-first-run --disable-quic")


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, text gzip-compressed as GitHub Pages and most hosts serve it; no access log."""

    COMPRESS = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"}

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if not (path.suffix in self.COMPRESS and path.is_file() and "gzip" in self.headers.get("Accept-Encoding", "")):
            super().do_GET()
            return
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        pass


def main(argv: list[str] | None = None) -> int:
    """Score each page, print a table, write the JSON; 0 when every target is met, 1 otherwise, 2 on set-up errors."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the built site (default: site/)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "lighthouse.json", help="where to write the scores")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"{args.site}/index.html not found: build the site first (make site)", file=sys.stderr)
        return 2
    if not LIGHTHOUSE.exists():
        print("Lighthouse is not installed: run `npm ci` in the repository", file=sys.stderr)
        return 2
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}

    handler = functools.partial(_GzipHandler, directory=str(args.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        results = {name: _score(base + path, env) for name, path in PAGES.items()}
    finally:
        server.shutdown()
        server.server_close()

    report = {
        "tool": f"lighthouse {_version(env)}, mobile (simulated throttling), served gzip-compressed from 127.0.0.1",
        "targets": TARGETS,
        "pages": results,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")

    missed = []
    print(f"{'page':<14}" + "".join(f"{c:>16}" for c in TARGETS) + f"{'weight (KiB)':>14}")
    for name, scores in results.items():
        print(f"{name:<14}" + "".join(f"{scores[c]:>16}" for c in TARGETS) + f"{scores['total_kib']:>14}")
        missed += [f"{name}: {c} {scores[c]} < {t}" for c, t in TARGETS.items() if scores[c] < t]
        for audit in scores["below_full_marks"]:
            print(f"    {name}: {audit}")
    print(f"wrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    for line in missed:
        print(f"target missed: {line}", file=sys.stderr)
    return 1 if missed else 0


def _score(url: str, env: dict[str, str]) -> dict[str, object]:
    """One Lighthouse run: the four category scores (0-100), page weight, and the scored audits below full marks."""
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "report.json"
        subprocess.run(
            [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
             f"--only-categories={','.join(TARGETS)}", f"--chrome-flags={CHROME_FLAGS}"],
            check=True, env=env, timeout=180)
        lhr = json.loads(out.read_text(encoding="utf-8"))
    scores: dict[str, object] = {c: round(lhr["categories"][c]["score"] * 100) for c in TARGETS}
    scores["total_kib"] = round(lhr["audits"]["total-byte-weight"]["numericValue"] / 1024)
    scores["below_full_marks"] = sorted(
        f"{audit_id}: {lhr['audits'][audit_id]['title']}"
        for category in TARGETS for ref in lhr["categories"][category]["auditRefs"]
        if ref["weight"] > 0 and (audit_id := ref["id"]) and lhr["audits"][audit_id]["score"] is not None
        and lhr["audits"][audit_id]["score"] < 1)
    return scores


def _version(env: dict[str, str]) -> str:
    return subprocess.run([str(LIGHTHOUSE), "--version"], capture_output=True, text=True, env=env).stdout.strip()


if __name__ == "__main__":
    sys.exit(main())
