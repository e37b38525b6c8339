"""Where the browser finds the bundled map outlines (static/topojson/), for plotly's `topojsonURL`.

Streamlit serves files in `static/` next to the app at `<server.baseUrlPath>/app/static/`
(with `[server] enableStaticServing = true`). plotly.js then asks for
`<topojsonURL><scope>_<resolution>m.json`, e.g. `/app/static/topojson/world_110m.json`.
A hard-coded `/app/static/...` breaks once `server.baseUrlPath` is set, so the caller passes the
configured base path (`st.get_option("server.baseUrlPath")`); this module does not import Streamlit.

The same folder holds `admin1.json` (oblasts and regions, cut from Natural Earth by
scripts/build_admin1.py): read here on the server and drawn as line traces, so it needs no request.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path


STATIC_TOPOJSON_PATH = "app/static/topojson/"
TOPOJSON_DIR = Path(__file__).resolve().parent.parent / "static" / "topojson"


def topojson_url(base_url_path: str = "") -> str:
    """Absolute URL path of the topojson folder, ending in "/".

    Same rule as Streamlit's own `url_util.make_url_path`: surrounding slashes of the base path are
    ignored, an empty base path gives the root.

    >>> topojson_url()
    '/app/static/topojson/'
    >>> topojson_url("/dash/")
    '/dash/app/static/topojson/'
    >>> topojson_url("apps/smolplan")
    '/apps/smolplan/app/static/topojson/'
    """
    base = (base_url_path or "").strip().strip("/")
    prefix = f"/{base}/" if base else "/"
    return prefix + STATIC_TOPOJSON_PATH


# --- oblast outlines (read on the server, drawn as a plotly trace) ------------------------------


@lru_cache(maxsize=1)
def admin1_units(path: Path = TOPOJSON_DIR / "admin1.json") -> tuple[dict, ...]:
    """First-level units (oblasts, regions) of the plan's area: ISO code, Russian name, label point, rings."""
    return tuple(json.loads(path.read_text(encoding="utf-8"))["units"])


def _distance(p, a, b) -> float:
    """Distance from p to the segment a–b, in degrees on a flat plane (enough to simplify a line)."""
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return math.hypot(x - x1, y - y1)
    t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
    return math.hypot(x - x1 - t * dx, y - y1 - t * dy)


def simplify(points: list, tolerance: float) -> list:
    """Douglas–Peucker, iterative (a coast ring has thousands of points)."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        best, index = 0.0, None
        for i in range(first + 1, last):
            d = _distance(points[i], points[first], points[last])
            if d > best:
                best, index = d, i
        if index is not None and best > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep) if k]


@lru_cache(maxsize=32)
def admin1_outlines(lon_range: tuple[float, float], lat_range: tuple[float, float],
                    tolerance: float) -> tuple[tuple, tuple]:
    """Outlines of the units that reach into the view, as (lons, lats) with None between rings
    (one plotly line trace), simplified to about a pixel: the whole area needs far fewer points
    than the Smolensk region."""
    lons: list = []
    lats: list = []
    for unit in admin1_units():
        for ring in unit["rings"]:
            xs, ys = [p[0] for p in ring], [p[1] for p in ring]
            if max(xs) < lon_range[0] or min(xs) > lon_range[1] or max(ys) < lat_range[0] or min(ys) > lat_range[1]:
                continue
            small = simplify(ring, tolerance)
            lons += [p[0] for p in small] + [None]
            lats += [p[1] for p in small] + [None]
    return tuple(lons), tuple(lats)
