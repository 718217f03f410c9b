"""``portfolio serve`` without a browser: the command each session runs, the page (nothing from the
internet, links from the address the browser used), and the requests the server refuses."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer
from click.testing import CliRunner

from portfolio.cli.app import cli
from tui import web
from tui.web import PortfolioServer, app_command, is_loopback


def test_each_session_runs_this_python_on_the_repository_whatever_its_path():
    root = Path("/tmp/Kreis Steinfurt/it's $HOME; rm -rf ~")
    assert shlex.split(app_command(root)) == [sys.executable, "-m", "portfolio", "--repo", str(root), "tui"]
    assert shlex.split(app_command(root, "de"))[-3:] == ["--lang", "de", "tui"]


@pytest.mark.parametrize(
    "host, loopback",
    [("127.0.0.1", True), ("127.0.0.2", True), ("::1", True), ("[::1]", True), ("localhost", True)]
    + [("0.0.0.0", False), ("::", False), ("192.168.1.20", False), ("buero-pc", False)],
)
def test_loopback_addresses(host, loopback):
    assert is_loopback(host) is loopback


async def _client(server: PortfolioServer) -> TestClient:
    client = TestClient(TestServer(await server._make_app(), host="127.0.0.1"))
    await client.start_server()
    return client


async def test_the_page_loads_only_from_this_server_and_links_to_the_address_used(tmp_path):
    client = await _client(PortfolioServer(tmp_path, "127.0.0.1", 8000))
    try:
        response = await client.get("/")
        page = await response.text()
        assert response.status == 200
        assert "googleapis" not in page and "https://" not in page
        assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
        port = client.server.port
        assert f'data-session-websocket-url="ws://127.0.0.1:{port}/ws"' in page
        assert 'src="/static/js/textual.js"' in page and "/static/fonts/RobotoMono-VariableFont_wght.ttf" in page
        assert "Content-Security-Policy" in page
        font = await client.get("/static/fonts/RobotoMono-VariableFont_wght.ttf")
        assert font.status == 200 and len(await font.read()) > 10_000
        script = await client.get("/static/js/textual.js")
        assert script.status == 200 and b"https://" not in (await script.read()).split(b"sourceMappingURL")[0]
    finally:
        await client.close()


async def test_a_loopback_server_answers_only_its_own_names_and_its_own_page(tmp_path):
    client = await _client(PortfolioServer(tmp_path, "127.0.0.1", 8000))
    port = client.server.port
    try:
        assert (await client.get("/", headers={"Host": f"localhost:{port}"})).status == 200
        rebound = await client.get("/", headers={"Host": f"evil.example:{port}"})  # DNS rebinding
        assert rebound.status == 403 and "127.0.0.1 or localhost" in await rebound.text()
        for origin in ("http://evil.example", f"http://127.0.0.1:{port + 1}", None):
            headers = {"Origin": origin} if origin else {}
            refused = await client.get("/ws", headers=headers)  # another site's page opening our WebSocket
            assert refused.status == 403 and "own page" in await refused.text(), origin
    finally:
        await client.close()


async def test_a_server_for_the_office_answers_any_name_but_only_its_own_page_opens_a_session(tmp_path):
    client = await _client(PortfolioServer(tmp_path, "0.0.0.0", 8000))
    try:
        response = await client.get("/", headers={"Host": "buero-pc:8000"})
        assert response.status == 200
        assert 'data-session-websocket-url="ws://buero-pc:8000/ws"' in await response.text()  # not 0.0.0.0
        refused = await client.get("/ws", headers={"Host": "buero-pc:8000", "Origin": "http://evil.example"})
        assert refused.status == 403
    finally:
        await client.close()


def test_serve_binds_to_loopback_by_default_and_warns_for_another_address(monkeypatch, portfolio_root):
    calls = []
    monkeypatch.setattr(web, "serve", lambda root, host, port, language: calls.append((root, host, port, language)))
    quiet = CliRunner().invoke(cli, ["--repo", str(portfolio_root), "serve"], catch_exceptions=False)
    assert quiet.exit_code == 0 and quiet.output == ""
    assert calls[-1] == (portfolio_root, "127.0.0.1", 8000, None)
    exposed = CliRunner().invoke(
        cli, ["--repo", str(portfolio_root), "--lang", "en", "serve", "--host", "0.0.0.0", "--port", "8080"]
    )
    assert exposed.exit_code == 0 and calls[-1] == (portfolio_root, "0.0.0.0", 8080, "en")
    assert "warning: serving on 0.0.0.0" in exposed.output and "this machine's git identity" in exposed.output
    wrong = CliRunner().invoke(cli, ["--repo", str(portfolio_root), "serve", "--port", "70000"])
    assert wrong.exit_code == 2 and len(calls) == 2
