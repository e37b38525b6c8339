"""AppTest's entry script: runs app.py from a folder that has no pages/ directory.

AppTest builds a fresh PagesManager for every run, and one whose main script sits next to a
pages/ folder resolves later runs to the page file alone, skipping app.py (the shared sidebar).
A real server keeps its PagesManager, which st.navigation switches to its own pages.
"""

import runpy
from pathlib import Path

runpy.run_path(str(Path(__file__).resolve().parent.parent / "app.py"))
