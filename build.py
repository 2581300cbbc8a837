#!/usr/bin/env python3
"""Build the ketamine infusion therapy site from data/faq.yaml.

Commands: build (default), check, serve, coverage, schema. Run `python build.py COMMAND --help`.
Exit codes: 0 ok, 1 a content problem (listed as file:line:col: message), 2 wrong usage.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from kbsite.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
