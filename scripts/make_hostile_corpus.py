"""Write the hostile-input corpus (tests/hostile/corpus.py) to a folder: `python scripts/make_hostile_corpus.py DIR`."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.hostile.corpus import write_corpus  # noqa: E402

folder = Path(sys.argv[1] if len(sys.argv) > 1 else "artifacts/hostile")
for row in write_corpus(folder):
    print(f"{row['file']:32} {row['bytes']:>10} bytes  → {row['outcome']}")
