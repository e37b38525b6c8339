"""smolplan: the Smolensk region's plan of international events as a typed table, charts and briefings.

Domain logic only: nothing here imports streamlit, so everything is testable and scriptable.
"""

from pathlib import Path

from smolplan.errors import PlanReadError
from smolplan.plan import COLUMNS, Plan, load_plan

BUNDLED_PLAN = Path(__file__).resolve().parent.parent / "data" / "plan_2026_h2_reconstructed.docx"

__all__ = ["BUNDLED_PLAN", "COLUMNS", "Plan", "PlanReadError", "load_plan"]
