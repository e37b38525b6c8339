"""Charts as PNG/SVG files, rendered offline by kaleido with Debian's Chromium.

kaleido would otherwise fetch MathJax and map outlines from CDNs: MathJax is switched off, the
outlines come from `static/topojson/`, and the browser's own background calls go to a dead proxy.
One rendering server is started per process and reused (the first image takes ~2 s, later ~0.2 s).
"""

from __future__ import annotations

import shutil
import threading
from functools import lru_cache

import plotly.graph_objects as go
import plotly.io as pio

from smolplan.topojson import TOPOJSON_DIR

_LOCK = threading.Lock()
WIDTH, HEIGHT = 1200, 700


class ImageError(RuntimeError):
    """Chart images cannot be made here (no Chromium): the message says so in Russian."""


@lru_cache(maxsize=1)
def _renderer() -> None:
    import kaleido

    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if browser is None:
        raise ImageError("Для картинок графиков нужен браузер Chromium (пакет chromium), он не установлен.")
    kaleido.start_sync_server(path=browser, mathjax=False, proxy_server="http://127.0.0.1:9",
                              silence_warnings=True)
    pio.defaults.topojson = TOPOJSON_DIR.resolve().as_uri() + "/"
    pio.defaults.mathjax = None
    pio.defaults.headers = None


def figure_image(fig: go.Figure, fmt: str = "png", width: int = WIDTH, height: int | None = None,
                 scale: float = 2) -> bytes:
    """The figure as PNG or SVG bytes (height: the figure's own, else 700 px; PNG pixels × `scale`)."""
    _renderer()
    height = height or fig.layout.height or HEIGHT
    with _LOCK:  # one kaleido server, one image at a time
        return fig.to_image(format=fmt, width=width, height=height, scale=scale if fmt == "png" else 1)


def png_size(png: bytes) -> tuple[int, int]:
    """(width, height) in pixels, from the PNG header."""
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
