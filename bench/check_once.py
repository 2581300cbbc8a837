"""Run load + check + render once on a project, in this fresh process; print timings and peak memory as JSON.

Usage: python bench/check_once.py PROJECT_ROOT YYYY-MM-DD

It works from PROJECT_ROOT and imports that project's own copy of kbsite, so the caches it reads and
writes (reading grades, parsed YAML) are the project's `.cache/` (never the real project's). Set
KBSITE_NO_CACHE=1 to parse every file and grade every page afresh. Peak RSS is this whole process's (the
interpreter and every import included): the kernel's VmHWM for it. Not ru_maxrss: Linux carries that over
exec from the parent, so a child of a large benchmark process would report the parent's peak.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import resource
import sys
import time
from pathlib import Path

started = time.perf_counter()
ROOT = Path(sys.argv[1]).resolve()
os.chdir(ROOT)  # the caches live under the current folder, as it does for build.py
sys.path.insert(0, str(ROOT))
from kbsite.pipeline import Paths, check  # noqa: E402

imported = time.perf_counter()
result = check(Paths.at(ROOT), dt.date.fromisoformat(sys.argv[2]))
done = time.perf_counter()


def peak_rss_mib() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # elsewhere: may include the parent's


print(json.dumps({
    "import_s": imported - started,
    "work_s": done - imported,          # load + render + check (the pipeline's own timings below)
    "steps_s": dict(result.timings),
    "errors": len(result.errors),
    "pages": len(result.pages),
    "max_rss_mib": peak_rss_mib(),
}))
