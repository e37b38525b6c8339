"""Where the browser finds the bundled map outlines (static/topojson/), for plotly's `topojsonURL`.

Streamlit serves files in `static/` next to the app at `<server.baseUrlPath>/app/static/`
(with `[server] enableStaticServing = true`). plotly.js then asks for
`<topojsonURL><scope>_<resolution>m.json`, e.g. `/app/static/topojson/world_110m.json`.
A hard-coded `/app/static/...` breaks once `server.baseUrlPath` is set, so the caller passes the
configured base path (`st.get_option("server.baseUrlPath")`); this module does not import Streamlit.
"""

from __future__ import annotations

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
