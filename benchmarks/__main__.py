"""`python -m benchmarks [--sizes 1000 10000] [--no-pages] [--no-exports]`: loader, dates, hostile cells, page and export timings."""

import argparse

from benchmarks.hostile_cells import bench_hostile_cells
from benchmarks.loader import bench_dates, bench_loader

parser = argparse.ArgumentParser(prog="python -m benchmarks")
parser.add_argument("--sizes", type=int, nargs="*", default=[1_000, 10_000])
parser.add_argument("--no-pages", action="store_true", help="skip the page script-run timings (AppTest)")
parser.add_argument("--no-exports", action="store_true", help="skip the briefing export timings")
args = parser.parse_args()
bench_loader(args.sizes)
bench_dates()
bench_hostile_cells()
if not args.no_pages:
    from benchmarks.pages import bench_pages

    bench_pages(max(args.sizes) if args.sizes else 10_000)
if not args.no_exports:
    # In a process of its own, as a server showing one plan: after the 10,000-event page runs above,
    # the cyclic garbage collector's passes over their objects would be timed with each small export.
    import subprocess
    import sys

    subprocess.run([sys.executable, "-m", "benchmarks.exports", str(max(args.sizes) if args.sizes else 10_000)],
                   check=True)
