#!/usr/bin/env python3
"""Build the ketamine infusion therapy site from data/faq.yaml.

Commands: build (default), check, serve, coverage, schema, clean. Run `python build.py COMMAND --help`.
Exit codes: 0 ok, 1 a content problem (listed as file:line:col: message), 2 wrong usage or set-up.
"""

import importlib.util
import sys
from pathlib import Path

NEEDED = ("yaml", "pydantic", "jinja2", "textstat", "mkdocs")
"""Packages every command needs; `make site` installs them (with the rest of requirements.lock) into .venv."""

missing = [name for name in NEEDED if importlib.util.find_spec(name) is None]
if missing:
    print(f"build.py: {', '.join(missing)} not installed for {sys.executable}.\n"
          "Run `make site` first (it sets up .venv), then `make check`, or `.venv/bin/python build.py ...`.",
          file=sys.stderr)
    sys.exit(2)

sys.path.insert(0, str(Path(__file__).resolve().parent))

from kbsite.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
