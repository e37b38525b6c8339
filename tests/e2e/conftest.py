"""Browser tests: a real Streamlit server and Debian's Chromium driven by Playwright, all offline.

Fixtures
- `streamlit_server` (session): runs `python -m streamlit run <app>` from the repo root on a free
  port and yields its base URL (`http://127.0.0.1:<port>`). The app defaults to `app.py`; another
  app is chosen by indirect parametrisation, e.g. in a test module:
      pytestmark = pytest.mark.parametrize("streamlit_server", [PROBE_APP], indirect=True)
  A parameter may also be a dict of `AppSpec` fields, e.g.
  `{"path": PROBE_APP, "base_url_path": "smol", "args": [...], "env": {...}}`.
- `browser` (session): Chromium from PATH (`/usr/bin/chromium`); never `playwright install`.
- `page` (function): a fresh page whose every request URL is recorded in `page.requests`;
  `foreign_requests(page, base_url)` lists those that went to any other host.
Helpers (also as the `e2e` fixture's attributes, since test modules cannot import a conftest):
`open_app`, `wait_for_script_run`, `click_center` (plotly bars/points), `foreign_requests`,
`save_screenshot` (to artifacts/screenshots/<name>.png; also the `screenshot` fixture).

Without `chromium` on PATH (or without Playwright) every test here is skipped with the reason.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
E2E_DIR = Path(__file__).resolve().parent
DEFAULT_APP = ROOT / "app.py"
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
SERVER_LOGS = ROOT / "artifacts" / "e2e-logs"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
STARTUP_TIMEOUT_S = 60.0
# Hosts that count as "the app itself"; anything else in a page's requests is a leak.
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


@dataclasses.dataclass(frozen=True)
class AppSpec:
    """Which script to serve, with extra `streamlit run` options and environment variables."""

    path: Path | str = DEFAULT_APP
    args: tuple[str, ...] = ()
    env: tuple[tuple[str, str], ...] = ()
    base_url_path: str = ""  # the value given as --server.baseUrlPath, so URLs can be built

    def __str__(self) -> str:  # readable test ids
        extra = f"@{self.base_url_path}" if self.base_url_path else ""
        return Path(self.path).stem + extra


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "e2e: end-to-end tests in headless Chromium (Playwright)")


def _skip_reason() -> str | None:
    if shutil.which("chromium") is None:
        return "chromium is not on PATH (Debian package `chromium`; never `playwright install`)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the Python package playwright is not installed"
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    reason = _skip_reason()
    for item in items:
        if Path(str(item.fspath)).resolve().is_relative_to(E2E_DIR):
            item.add_marker(pytest.mark.e2e)
            if reason:
                item.add_marker(pytest.mark.skip(reason=reason))


# --- the Streamlit server ---------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _script_to_run(app: Path, stage_dir: Path) -> Path:
    """Streamlit serves `static/` from beside the *main script*, not from the working directory.

    `app.py` sits next to the repo's `static/`. An app elsewhere (a probe in tests/e2e/) without a
    `static/` of its own is run from a temporary folder that mirrors its folder (links to its
    siblings, e.g. `pages/`, and a copy of the script) plus a `static` link to the repo's.
    """
    if (app.parent / "static").exists() or not (ROOT / "static").is_dir():
        return app
    stage_dir.mkdir(parents=True, exist_ok=True)
    for sibling in app.parent.iterdir():
        if sibling.name not in (app.name, "__pycache__", "static"):
            (stage_dir / sibling.name).symlink_to(sibling, target_is_directory=sibling.is_dir())
    (stage_dir / "static").symlink_to(ROOT / "static", target_is_directory=True)
    staged = stage_dir / app.name
    shutil.copyfile(app, staged)
    return staged


def _wait_healthy(url: str, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"streamlit did not answer {url} in {STARTUP_TIMEOUT_S:.0f}s:\n{log.read_text(errors='replace')}")


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


def start_streamlit(spec: AppSpec, stage_dir: Path) -> tuple[subprocess.Popen, str, Path]:
    """Start a server for `spec`; returns (process, base URL without trailing slash, log file)."""
    app = Path(spec.path).resolve()
    script = _script_to_run(app, stage_dir)
    port = free_port()
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(script),
        "--server.port", str(port),
        # An explicit address also stops headless Streamlit asking checkip.amazonaws.com for
        # an "External URL" at start-up (streamlit/web/bootstrap.py::_print_url).
        "--server.address", "127.0.0.1",
        "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",
        *spec.args,
    ]
    if spec.base_url_path:
        cmd += ["--server.baseUrlPath", spec.base_url_path]
    env = {**os.environ, "PYTHONUNBUFFERED": "1", **dict(spec.env)}
    # `python -m` puts the working directory (the repo root) on sys.path: `import smolplan` works.
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    SERVER_LOGS.mkdir(parents=True, exist_ok=True)
    log = SERVER_LOGS / f"{spec}-{port}.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    base = spec.base_url_path.strip("/")
    base_url = f"http://127.0.0.1:{port}" + (f"/{base}" if base else "")
    try:
        _wait_healthy(f"{base_url}/_stcore/health", proc, log)
    except BaseException:
        _stop(proc)
        raise
    return proc, base_url, log


@pytest.fixture(scope="session")
def streamlit_server(request: pytest.FixtureRequest) -> Iterator[str]:
    """Base URL of a running `streamlit run <app>` (default app.py); stopped at the end, always."""
    param = getattr(request, "param", DEFAULT_APP)
    if isinstance(param, AppSpec):
        spec = param
    elif isinstance(param, dict):  # test modules cannot import this conftest: they pass a dict
        spec = AppSpec(**{k: tuple(v.items()) if k == "env" else tuple(v) if k == "args" else v
                          for k, v in param.items()})
    else:
        spec = AppSpec(path=param)
    stage = Path(tempfile.mkdtemp(prefix="smolplan-e2e-"))
    proc, base_url, _log = start_streamlit(spec, stage)
    try:
        yield base_url
    finally:
        _stop(proc)
        shutil.rmtree(stage, ignore_errors=True)


# --- the browser ------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def playwright_instance():
    reason = _skip_reason()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright_instance):
    """Debian's Chromium (never a Playwright-downloaded one)."""
    executable = shutil.which("chromium")
    if executable is None:
        pytest.skip("chromium is not on PATH")
    browser = playwright_instance.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
    try:
        yield browser
    finally:
        browser.close()


@pytest.fixture
def page(browser, streamlit_server):
    """A fresh page (1366×768, ru-RU: an official's laptop) recording every request URL in `page.requests`.

    Requests to any host other than the app's own are also refused (and listed in
    `page.blocked`), so the page behaves as it would on a machine with no internet.
    """
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="ru-RU")
    page = context.new_page()
    page.requests = []  # type: ignore[attr-defined]
    page.blocked = []  # type: ignore[attr-defined]
    page.on("request", lambda req: page.requests.append(req.url))  # type: ignore[attr-defined]

    def offline(route) -> None:
        if is_local(route.request.url, streamlit_server):
            route.continue_()
        else:
            page.blocked.append(route.request.url)  # type: ignore[attr-defined]
            route.abort("internetdisconnected")

    context.route("**/*", offline)
    try:
        yield page
    finally:
        context.close()


def is_local(url: str, base_url: str) -> bool:
    """True for the app's own origin (any port on 127.0.0.1/localhost) and browser-internal URLs."""
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about", "chrome", "chrome-extension", "devtools"):
        return True
    return (parts.hostname or "") in LOCAL_HOSTS | {urlsplit(base_url).hostname}


def foreign_requests(page, base_url: str) -> list[str]:
    """Every URL the page asked for on a host other than the app's own."""
    return [url for url in page.requests if not is_local(url, base_url)]


# --- Streamlit helpers ------------------------------------------------------------------------


def wait_for_script_run(page, timeout_ms: int = 30_000) -> None:
    """Wait until the app is connected, its script run finished and the main block is drawn."""
    # Connected, a script run finished ("initial" before the first one), and no element left stale
    # from the run before (Streamlit marks those while a rerun redraws them).
    page.wait_for_function(
        """() => {
            const app = document.querySelector("[data-testid='stApp']");
            return app && app.dataset.testConnectionState === 'CONNECTED'
                && app.dataset.testScriptState === 'notRunning'
                && !document.querySelector("[data-stale='true']");
        }""", timeout=timeout_ms,
    )
    # Widgets whose code loads lazily (tables, st.html, icons) stand as skeletons for a moment after the run.
    page.wait_for_function("() => !document.querySelector(\"[data-testid='stSkeleton']\")", timeout=timeout_ms)
    page.wait_for_selector("[data-testid='stStatusWidget']", state="hidden", timeout=timeout_ms)
    page.wait_for_selector("[data-testid='stMain']", state="visible", timeout=timeout_ms)
    page.wait_for_selector("[data-testid='stMainBlockContainer']", state="visible", timeout=timeout_ms)


def open_app(page, base_url: str, path: str = "", query: str = "") -> None:
    """Go to `<base_url>/<path>?<query>` and wait for the script run to finish."""
    url = base_url.rstrip("/") + "/" + path.lstrip("/")
    if query:
        url += ("&" if "?" in url else "?") + query.lstrip("?")
    page.goto(url, wait_until="domcontentloaded")
    wait_for_script_run(page)


def click_center(page, locator) -> None:
    """Click the middle of an element with the mouse. Plotly bars and markers sit under plotly's drag
    layer, so `locator.click()` times out ("subtree intercepts pointer events"); this does not.
    Then wait for what the click should change (a rerun may not have started yet)."""
    box = locator.bounding_box()
    assert box, "element is not visible"
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def save_screenshot(page, name: str, full_page: bool = True) -> Path:
    """Save `artifacts/screenshots/<name>.png` (git-ignored) and return its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


@pytest.fixture
def screenshot(page):
    """`screenshot(name)` saves the current page to artifacts/screenshots/<name>.png."""
    return lambda name, full_page=True: save_screenshot(page, name, full_page)


@pytest.fixture(scope="session")
def e2e():
    """The helpers above, for test modules (this conftest is not importable as a module)."""
    import types

    return types.SimpleNamespace(
        open_app=open_app,
        wait_for_script_run=wait_for_script_run,
        click_center=click_center,
        foreign_requests=foreign_requests,
        is_local=is_local,
        save_screenshot=save_screenshot,
        AppSpec=AppSpec,
        ROOT=ROOT,
    )
