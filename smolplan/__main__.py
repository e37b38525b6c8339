"""Command line: `python -m smolplan parse|check|export PLAN …` (see --help)."""

from __future__ import annotations

import sys

from smolplan.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
