"""`python -m benchmarks.load [--users 20] [--rounds 2]`: a bounded load test on 127.0.0.1.

A Streamlit server on a free port, and N users at once, each a Chromium browser context (1366×768,
ru-RU) that opens the app and walks through the pages. Printed: errors (failed loads, exceptions
shown on a page), page times (median, 90th percentile, worst), the server's peak resident memory
(its preview workers included). Then one user previews a hostile upload (the costliest file the
limits let through) while others walk the pages: their page times beside the same users' quiet ones. Figures only, no pass/fail: the targets are in the README.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = [("", "Международные мероприятия"), ("Хронология", "Хронология"), ("Сферы и страны", "Сферы и страны"),
         ("Карта", "Карта мест проведения"), ("Мероприятия", "Мероприятия"), ("Качество данных", "Качество данных")]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
_DONE = ("([title]) => { const app = document.querySelector(\"[data-testid='stApp']\");"
         " const h1 = document.querySelector(\"[data-testid='stMain'] h1\");"
         " return app && app.dataset.testScriptState === 'notRunning' && h1 && h1.innerText.includes(title)"
         " && !document.querySelector(\"[data-testid='stStatusWidget'] [data-testid='stSpinner']\"); }")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(library: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ, "SMOLPLAN_LIBRARY": str(library), "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            urllib.request.urlopen(f"{url}/_stcore/health", timeout=1)
            return proc, url
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("the server did not start")


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children (the preview workers), in MB."""
    total, pids = 0, [pid]
    try:
        pids += [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        pass
    for one in pids:
        try:
            for line in Path(f"/proc/{one}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


async def page_done(page, title: str, timeout_ms: int = 120_000) -> None:
    await page.wait_for_function(_DONE, arg=[title], timeout=timeout_ms)


async def walk(browser, url: str, rounds: int, times: list, errors: list, delay: float = 0) -> None:
    await asyncio.sleep(delay)  # users arrive within a few seconds, not in the same millisecond
    context = await browser.new_context(viewport={"width": 1366, "height": 768}, locale="ru-RU")
    page = await context.new_page()
    try:
        start = time.perf_counter()
        await page.goto(url, wait_until="domcontentloaded", timeout=120_000)
        await page_done(page, PAGES[0][1])
        times.append(time.perf_counter() - start)
        for _ in range(rounds):
            for link, title in PAGES[1:] + PAGES[:1]:
                start = time.perf_counter()
                await page.locator("[data-testid='stSidebarNav'] a", has_text=link or "Обзор").first.click(timeout=120_000)
                await page_done(page, title)
                times.append(time.perf_counter() - start)
                if await page.locator("[data-testid='stException']").count():
                    errors.append(f"exception shown on «{title}»")
    except Exception as error:  # a timeout or a dropped connection is the figure we want
        errors.append(f"{type(error).__name__}: {str(error).splitlines()[0][:120]}")
    finally:
        await context.close()


async def hostile_preview(browser, url: str, content: bytes, done: asyncio.Event, result: dict) -> None:
    context = await browser.new_context(viewport={"width": 1366, "height": 768}, locale="ru-RU")
    page = await context.new_page()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "длинные ячейки.txt"
        path.write_bytes(content)
        await page.goto(url.rstrip("/") + "/library", wait_until="domcontentloaded", timeout=120_000)
        await page_done(page, "Планы")
        start = time.perf_counter()
        await page.locator("[data-testid='stFileUploader'] input[type=file]").set_input_files(str(path))
        await page.wait_for_function("() => document.body.innerText.includes('План не прочитан')"
                                     " || document.body.innerText.includes('Прочитано мероприятий')", timeout=300_000)
        result["seconds"] = time.perf_counter() - start
        text = await page.inner_text("[data-testid='stMain']")
        result["answer"] = next((line for line in text.splitlines() if "План не прочитан" in line
                                 or "Прочитано мероприятий" in line), "")
    done.set()
    await context.close()


def summary(label: str, times: list[float]) -> str:
    if not times:
        return f"{label}: no page finished"
    ordered = sorted(times)
    p90 = ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]
    return (f"{label}: {len(times)} page runs, median {statistics.median(times):.2f} s, "
            f"90% {p90:.2f} s, worst {ordered[-1]:.2f} s")


async def main(users: int, rounds: int) -> None:
    from playwright.async_api import async_playwright

    sys.path.insert(0, str(ROOT))
    from benchmarks.hostile import accepted_extremes

    # The costliest file the limits let through (100 cells of 97,000 characters: ~8 s of one core).
    hostile = next(content for name, content, _, _ in accepted_extremes() if name.startswith("100_cells"))
    library = Path(tempfile.mkdtemp(prefix="smolplan-load-"))
    proc, url = start_server(library)
    peak = {"mb": rss_mb(proc.pid)}
    idle = peak["mb"]

    async def sample(stop: asyncio.Event) -> None:
        while not stop.is_set():
            peak["mb"] = max(peak["mb"], rss_mb(proc.pid))
            await asyncio.sleep(0.2)

    try:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            stop = asyncio.Event()
            sampler = asyncio.create_task(sample(stop))
            times, errors = [], []
            await walk(browser, url, 0, [], [])  # warm the caches once, as the first visitor of the day does
            started = time.perf_counter()
            await asyncio.gather(*(walk(browser, url, rounds, times, errors, 0.25 * i) for i in range(users)))
            print(f"load average before: {os.getloadavg()[0]:.1f} (2 cores; the browsers run on them too)")
            print(f"{users} users at once, {rounds} rounds of {len(PAGES)} pages, {time.perf_counter() - started:.0f} s")
            print(summary("quiet server", times))
            print(f"errors: {len(errors)}" + "".join(f"\n  {e}" for e in errors[:10]))

            others = max(1, users // 4)
            quiet_times, quiet_errors = [], []
            await asyncio.gather(*(walk(browser, url, 1, quiet_times, quiet_errors, 0.25 * i) for i in range(others)))
            print(summary(f"{others} users, quiet", quiet_times) + f"; errors: {len(quiet_errors)}")
            hostile_times, hostile_errors, result, done = [], [], {}, asyncio.Event()
            preview = asyncio.create_task(hostile_preview(browser, url, hostile, done, result))
            await asyncio.sleep(3)  # the upload has reached the worker
            await asyncio.gather(*(walk(browser, url, 1, hostile_times, hostile_errors, 0.25 * i) for i in range(others)))
            await preview
            print(summary(f"the same {others} users during a hostile preview", hostile_times)
                  + f"; errors: {len(hostile_errors)}" + "".join(f"\n  {e}" for e in hostile_errors[:10]))
            print(f"hostile preview answered in {result.get('seconds', float('nan')):.1f} s: {result.get('answer', '')}")
            stop.set()
            await sampler
            await browser.close()
        print(f"server RSS: {idle:.0f} MB idle, peak {peak['mb']:.0f} MB (with preview workers)")
    finally:
        proc.terminate()
        proc.wait(timeout=30)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m benchmarks.load")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    asyncio.run(main(args.users, args.rounds))
