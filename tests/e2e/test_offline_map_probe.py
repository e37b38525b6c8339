"""The offline map recipe, proven in Chromium: plotly geo + bundled topojson, no other host contacted.

Runs tests/e2e/map_probe_app.py twice: at the root and under `server.baseUrlPath`, where a
hard-coded /app/static/ path would break.
"""

from __future__ import annotations

from pathlib import Path

import pytest

PROBE_APP = Path(__file__).resolve().parent / "map_probe_app.py"
BASE_PATH = "smolplan"

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.parametrize(
        "streamlit_server",
        [PROBE_APP, {"path": PROBE_APP, "base_url_path": BASE_PATH}],
        ids=["root", "baseUrlPath"],
        indirect=True,
    ),
]

# What plotly.js 3 draws for a geo subplot: one <path> per layer under `.geo .layer.<name>`
# (land and ocean filled, countries and coastlines stroked), and one `path.point` per marker.
GEO_LAYERS_JS = """() => Object.fromEntries(
    Array.from(document.querySelectorAll('.js-plotly-plot .geo .layer > path'))
        .map(p => [p.parentNode.classList[1], (p.getAttribute('d') || '').length]))"""


def _geo_layers(page) -> dict[str, int]:
    page.wait_for_selector(".js-plotly-plot .geo", state="attached", timeout=20_000)
    page.wait_for_function(
        "() => { const p = document.querySelector('.geo .layer.land > path');"
        " return p && (p.getAttribute('d') || '').length > 1000; }",
        timeout=20_000,
    )
    return page.evaluate(GEO_LAYERS_JS)


@pytest.mark.parametrize("resolution", [110, 50])
def test_map_draws_land_borders_and_points_offline(page, streamlit_server, e2e, request, resolution):
    e2e.open_app(page, streamlit_server, query=f"res={resolution}")
    layers = _geo_layers(page)

    assert layers.get("land", 0) > 1000, layers
    assert layers.get("countries", 0) > 1000, layers  # country borders
    assert layers.get("coastlines", 0) > 1000, layers
    assert page.locator(".js-plotly-plot .scattergeo path.point").count() == 3

    base = "/" + BASE_PATH if streamlit_server.rstrip("/").endswith("/" + BASE_PATH) else ""
    expected = f"{base}/app/static/topojson/world_{resolution}m.json"
    assert any(url.endswith(expected) for url in page.requests), page.requests
    assert e2e.foreign_requests(page, streamlit_server) == []
    assert page.blocked == []

    shot = e2e.save_screenshot(page, f"offline_map_probe_{request.node.callspec.id.replace('-', '_')}")
    assert shot.stat().st_size > 10_000


def test_without_local_topojson_the_map_is_blank_offline(page, streamlit_server, e2e):
    """Control: plotly's default topojsonURL goes to the CDN, which an offline machine cannot reach."""
    e2e.open_app(page, streamlit_server, query="res=110&topojson=default")
    page.wait_for_selector(".js-plotly-plot .geo", state="attached", timeout=20_000)
    page.wait_for_timeout(1500)
    assert any("cdn.plot.ly" in url for url in page.blocked), page.requests
    land = page.evaluate(GEO_LAYERS_JS).get("land", 0)
    assert land == 0
