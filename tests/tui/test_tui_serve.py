"""``portfolio serve`` for real: the server on a free loopback port, headless Chromium driven over the
DevTools protocol opens the page; the terminal it draws shows the project table (read from xterm.js's
buffer, and seen in the screenshot's pixels), every request the page makes stays on 127.0.0.1, and
a status moved in the browser is committed with the git identity of the machine that serves it."""

from __future__ import annotations

import asyncio
import base64
import io
import os
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import urlsplit

import aiohttp
import pytest
from PIL import Image
from test_report_browser import FLAGS, chromium  # noqa: F401 - a fixture

# Keeps the page's xterm.js terminal where the test can read it: textual.js sets ``this.terminal``.
KEEP_TERMINAL = """
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  get() { return undefined; },
  set(value) {
    Object.defineProperty(this, "terminal", {value, writable: true, configurable: true, enumerable: true});
    if (value && value.buffer) window.__portfolioTerminal = value;
  },
});
"""
READ_TERMINAL = """(() => {
  const terminal = window.__portfolioTerminal;
  if (!terminal) return "";
  const buffer = terminal.buffer.active, lines = [];
  for (let row = 0; row < buffer.length; row++) {
    const line = buffer.getLine(row);
    lines.push(line ? line.translateToString(true) : "");
  }
  return lines.join("\\n");
})()"""
INTRO_COLOURS = {(0x0C, 0x18, 0x1F), (0x12, 0x23, 0x2D)}  # textual-serve's page before the app draws


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _stop(process: subprocess.Popen) -> None:
    """End a process started in a session of its own, and what it started (the UI sessions)."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def _wait_for(check, what: str, timeout: float = 60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def served(tui_repo: Path, tmp_path: Path) -> Iterator[str]:
    port = _free_port()
    log = (tmp_path / "serve.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "portfolio", "--repo", str(tui_repo), "serve", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        cwd=tmp_path,
    )
    try:

        def listening() -> bool:
            assert server.poll() is None, (tmp_path / "serve.log").read_text(errors="replace")
            with socket.socket() as probe:
                return probe.connect_ex(("127.0.0.1", port)) == 0

        _wait_for(listening, "the server to listen")
        yield f"http://127.0.0.1:{port}/"
    finally:
        _stop(server)
        log.close()


@pytest.fixture
def devtools_url(chromium: str, tmp_path: Path) -> Iterator[str]:  # noqa: F811
    """The DevTools address of a headless Chromium's blank page."""
    profile = tmp_path / "profile"
    browser = subprocess.Popen(
        [chromium, *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-port=0", "--window-size=1280,800"]
        + ["about:blank"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        active = profile / "DevToolsActivePort"
        port = _wait_for(lambda: active.is_file() and active.read_text().split("\n")[0].strip(), "DevTools")
        yield f"http://127.0.0.1:{port}"
    finally:
        _stop(browser)


class DevTools:
    """A small client of the Chrome DevTools protocol over one page's WebSocket; keeps every event."""

    def __init__(self, websocket: aiohttp.ClientWebSocketResponse) -> None:
        self.websocket = websocket
        self.events: list[dict] = []
        self._last = 0

    async def call(self, method: str, **params) -> dict:
        self._last += 1
        await self.websocket.send_json({"id": self._last, "method": method, "params": params})
        while True:
            message = await asyncio.wait_for(self.websocket.receive_json(), 30)
            if message.get("id") == self._last:
                assert "error" not in message, message
                return message.get("result", {})
            self.events.append(message)

    def requested_urls(self) -> list[str]:
        urls = []
        for event in self.events:
            if event.get("method") == "Network.requestWillBeSent":
                urls.append(event["params"]["request"]["url"])
            elif event.get("method") == "Network.webSocketCreated":
                urls.append(event["params"]["url"])
        return urls


async def _terminal_text(devtools: DevTools, wanted: tuple[str, ...], timeout: float = 60.0) -> str:
    deadline = time.monotonic() + timeout
    text = ""
    while time.monotonic() < deadline:
        result = await devtools.call("Runtime.evaluate", expression=READ_TERMINAL, returnByValue=True)
        text = result["result"].get("value") or ""
        if all(word in text for word in wanted):
            return text
        await asyncio.sleep(0.3)
    raise AssertionError(f"the terminal never showed {wanted}; it showed:\n{text}")


def _row_colour(image: Image.Image, y: int) -> tuple[tuple[int, int, int], int]:
    """The most frequent colour of pixel row ``y`` (a row's background between its letters), and how often."""
    counts = Counter(image.getpixel((x, y)) for x in range(image.size[0]))
    return counts.most_common(1)[0]


@asynccontextmanager
async def _opened(devtools_url: str, url: str) -> AsyncIterator[DevTools]:
    """The browser's page, recording its requests, at ``url``."""
    async with aiohttp.ClientSession() as session:
        async with session.get(f"{devtools_url}/json/list") as response:
            pages = [target for target in await response.json() if target["type"] == "page"]
        async with session.ws_connect(pages[0]["webSocketDebuggerUrl"], max_msg_size=0) as websocket:
            devtools = DevTools(websocket)
            await devtools.call("Network.enable")
            await devtools.call("Page.enable")
            await devtools.call("Page.addScriptToEvaluateOnNewDocument", source=KEEP_TERMINAL)
            await devtools.call("Page.navigate", url=url)
            yield devtools


async def test_the_served_page_shows_the_project_table_and_asks_nothing_of_the_internet(
    served: str, devtools_url: str, tmp_path: Path
) -> None:
    async with _opened(devtools_url, served) as devtools:
        text = await _terminal_text(
            devtools, ("Solarkataster für den Kreis", "Digitale Bürgerdienste", "wlan-rathaus", "Title")
        )
        shot = await devtools.call("Page.captureScreenshot", format="png")
        await devtools.call("Runtime.evaluate", expression="1")  # the last events in
    png = base64.b64decode(shot["data"])
    (tmp_path / "served.png").write_bytes(png)
    lines = text.splitlines()
    header = next(index for index, line in enumerate(lines) if "Title" in line and "Status" in line)
    cursor = next(index for index, line in enumerate(lines) if "buergerdienste" in line)  # the first row
    other = next(index for index, line in enumerate(lines) if "e-mobilitaet" in line)
    assert header < cursor < other and "Digitale Bürgerdienste" in lines[cursor]
    # Painted, not only received: in the screenshot the cursor's row of the table has one background
    # across the page, another than the next row's, and neither is textual-serve's page before the app draws.
    image = Image.open(io.BytesIO(png)).convert("RGB")
    width, height = image.size
    row_height = height / len(lines)
    cursor_colour, cursor_count = _row_colour(image, int((cursor + 0.5) * row_height))
    other_colour, other_count = _row_colour(image, int((other + 0.5) * row_height))
    assert cursor_count >= 0.7 * width and other_count >= 0.7 * width, (cursor_count, other_count)
    assert cursor_colour != other_colour
    assert not {cursor_colour, other_colour} & INTRO_COLOURS
    urls = devtools.requested_urls()
    assert any(url.startswith("ws://127.0.0.1:") for url in urls), urls
    assert any(url.endswith("/static/js/textual.js") for url in urls), urls
    outside = [url for url in urls if urlsplit(url).hostname != "127.0.0.1"]
    assert outside == [], outside


async def _press(devtools: DevTools, key: str) -> None:
    """A key typed into the page's terminal: a character, or Enter."""
    if key == "Enter":
        for kind in ("keyDown", "keyUp"):
            await devtools.call(
                "Input.dispatchKeyEvent", type=kind, key="Enter", code="Enter", windowsVirtualKeyCode=13, text="\r"
            )
    else:
        await devtools.call("Input.insertText", text=key)


async def test_a_change_in_the_browser_is_committed_with_the_identity_of_the_serving_machine(
    served: str, devtools_url: str, tui_repo: Path
) -> None:
    for key, value in (("user.name", "Bürorechner Kreishaus"), ("user.email", "buero@kreis-steinfurt.example")):
        subprocess.run(["git", "-C", str(tui_repo), "config", key, value], check=True)
    before = git_log(tui_repo, "%H")
    async with _opened(devtools_url, served) as devtools:
        await _terminal_text(devtools, ("Digitale Bürgerdienste", "5 of 5 projects"))
        await devtools.call("Runtime.evaluate", expression="window.__portfolioTerminal.focus()")
        await _press(devtools, "s")
        await _terminal_text(devtools, ("Status of buergerdienste",))
        await _press(devtools, "3")
        await _terminal_text(devtools, ("Idea → Planning",))
        await _press(devtools, "Enter")
        await _terminal_text(devtools, ("Committed",))
    assert git_log(tui_repo, "%H") != before
    assert git_log(tui_repo, "%an <%ae>|%s") == (
        "Bürorechner Kreishaus <buero@kreis-steinfurt.example>|Status of buergerdienste: Idea → Planning"
    )
    assert 'status = "planning"' in (tui_repo / "projects" / "buergerdienste.toml").read_text(encoding="utf-8")


def git_log(root: Path, format: str) -> str:
    return subprocess.run(
        ["git", "-C", str(root), "log", "-1", f"--format={format}"], capture_output=True, text=True, check=True
    ).stdout.strip()
