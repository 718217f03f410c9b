"""The UI in a browser (``portfolio serve``): textual-serve runs this same app for every browser tab.

textual-serve (``textual_serve.server.Server``) serves a page with xterm.js and, for each WebSocket
a page opens, starts the command it was given with Textual's web driver and relays its terminal
output. The command here is this Python running ``-m portfolio --repo ROOT tui``, so each session
is the terminal UI on the same repository, and its commits carry the git identity of the machine
the server runs on (the identity check refuses a commit when it has none).

What is changed against textual-serve's own server:

- the page (``app_index.html`` here) loads nothing from the internet: textual-serve's template
  fetches its font from Google Fonts; ours uses the copy textual-serve ships, and a
  Content-Security-Policy allows nothing from elsewhere;
- the page's links are made from the address the browser used (textual-serve makes them from
  ``--host``, which gives ``ws://0.0.0.0:8000`` for a server bound to every address);
- a WebSocket is accepted only from a page of this server (its ``Origin`` names the address it
  was opened on): any other web site the person visits could otherwise drive the UI and commit;
- bound to a loopback address, only requests for a loopback name are answered, so that a web site
  cannot reach the server under a name of its own that resolves to 127.0.0.1 (DNS rebinding).
"""

from __future__ import annotations

import ipaddress
import shlex
import sys
from pathlib import Path
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import web
from textual_serve.server import Server

from portfolio.i18n import _, current_language

TEMPLATES = Path(__file__).parent
LOOPBACK_NAMES = frozenset({"localhost", "localhost.", "ip6-localhost"})


def is_loopback(host: str) -> bool:
    """127.0.0.1, ::1, localhost: only this machine reaches a server bound to it."""
    name = host.strip().strip("[]").lower()
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def app_command(root: Path, language: str | None = None) -> str:
    """The shell command textual-serve runs per session: this Python, this repository, the UI."""
    words = [sys.executable, "-m", "portfolio", "--repo", str(root)]
    if language:
        words += ["--lang", language]
    return shlex.join([*words, "tui"])


def _host_name(host_header: str) -> str:
    """``127.0.0.1:8000`` -> ``127.0.0.1``; ``[::1]:8000`` -> ``::1``."""
    if host_header.startswith("["):
        return host_header[1:].split("]", 1)[0]
    return host_header.rsplit(":", 1)[0] if host_header.count(":") == 1 else host_header


class PortfolioServer(Server):
    """textual-serve's server with the page, the links and the checks described above."""

    def __init__(self, root: Path, host: str, port: int, language: str | None = None) -> None:
        super().__init__(app_command(root, language), host=host, port=port, title="Smart Region Portfolio")
        self.templates_path = TEMPLATES
        self.root = root
        self.loopback = is_loopback(host)

    @property
    def address(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self._guard])
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path), autoescape=True)
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get("/ws", self.handle_websocket, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.static("/static", self.statics_path, name="static"),
            ]
        )
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    def refusal(self, request: web.Request) -> str | None:
        """Why a request is not answered, or None."""
        host = request.host or ""
        if self.loopback and not is_loopback(_host_name(host)):
            return "this server answers only requests for 127.0.0.1 or localhost"
        if request.path == "/ws":
            origin = request.headers.get("Origin")
            if origin is None or origin not in (f"http://{host}", f"https://{host}"):
                return "a WebSocket is accepted only from this server's own page"
        return None

    @web.middleware
    async def _guard(self, request: web.Request, handler) -> web.StreamResponse:
        reason = self.refusal(request)
        if reason is not None:
            return web.Response(status=403, text=reason + "\n")
        response = await handler(request)
        if request.path == "/":
            response.headers["Cache-Control"] = "no-store"
        return response

    @aiohttp_jinja2.template("app_index.html")
    async def handle_index(self, request: web.Request) -> dict[str, Any]:
        font_size = request.query.get("fontsize", "16")
        scheme = "wss" if request.secure else "ws"
        return {
            "font_size": int(font_size) if font_size.isdigit() and 6 <= int(font_size) <= 64 else 16,
            "app_websocket_url": f"{scheme}://{request.host}/ws",
            "config": {"static": {"url": "/static/"}},
            "application": {"name": self.title},
            "language": current_language(),
            "start": _("Start a session"),
            "ended": _("Session ended."),
            "restart": _("Restart"),
        }

    async def on_startup(self, app: web.Application) -> None:
        self.console.print(
            _("Serving the portfolio {root} at {address} (Ctrl+C stops it)").format(
                root=self.root, address=self.address
            ),
            markup=False,
            highlight=False,
        )


def serve(root: Path, host: str, port: int, language: str | None = None) -> None:
    """Serve the UI on ``host``:``port`` until Ctrl+C (or SIGTERM)."""
    PortfolioServer(root, host, port, language).serve()
