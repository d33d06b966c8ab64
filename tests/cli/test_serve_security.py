"""`serve` lets in only whoever holds this run's secret, from the app's own page (issue 23).

Each test runs the real aiohttp application that textual-serve builds, behind the guard, with
aiohttp's test client. textual-serve's app-process launcher (AppService) is replaced by a fake
that records each launch, so a refused request can be shown to start no app process.
"""

from __future__ import annotations

import base64
import os
import socket
from collections.abc import AsyncIterator
from http.cookies import SimpleCookie
from typing import Any

import pytest
from aiohttp import ClientResponse
from aiohttp.test_utils import TestClient, TestServer

from achilles_tui.commands.serve_guard import Guard, GuardedServer

COMMAND = "python -m achilles_tui --data-dir /tmp/nowhere"
EVIL = "evil.example"


class FakeAppService:
    """Stands in for textual-serve's AppService: records launches, runs nothing."""

    launched: list[FakeAppService] = []

    def __init__(self, command: str, **_kwargs: Any) -> None:
        self.command = command
        self.size: tuple[int, int] | None = None
        FakeAppService.launched.append(self)

    async def start(self, width: int, height: int) -> None:
        self.size = (width, height)

    async def stop(self) -> None:
        return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def guard() -> Guard:
    return Guard(_free_port())


@pytest.fixture
async def client(
    guard: Guard, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[TestClient[Any, Any]]:
    FakeAppService.launched = []
    monkeypatch.setattr("textual_serve.server.AppService", FakeAppService)
    server = GuardedServer(COMMAND, guard, title="achilles-tui")
    app = await server._make_app()
    async with TestClient(TestServer(app, host="127.0.0.1", port=guard.port)) as test_client:
        yield test_client


def here(guard: Guard, host: str = "127.0.0.1") -> dict[str, str]:
    """Host and Origin headers of the app's own page."""
    return {"Host": f"{host}:{guard.port}", "Origin": f"http://{host}:{guard.port}"}


def upgrade() -> dict[str, str]:
    """The headers that make a GET a WebSocket handshake."""
    return {
        "Upgrade": "websocket",
        "Connection": "Upgrade",
        "Sec-WebSocket-Key": base64.b64encode(os.urandom(16)).decode(),
        "Sec-WebSocket-Version": "13",
    }


async def cookie_from_token(client: TestClient[Any, Any], guard: Guard) -> str:
    """The Cookie header a browser sends after opening the printed address."""
    response = await client.get(
        f"/?token={guard.token}", allow_redirects=False, headers={"Host": here(guard)["Host"]}
    )
    assert response.status == 302
    jar = SimpleCookie(response.headers["Set-Cookie"])
    morsel = jar[guard.cookie_name]
    return f"{morsel.key}={morsel.value}"


async def assert_refused(response: ClientResponse) -> None:
    """403, one short line of text, and no app process."""
    assert response.status == 403
    body = await response.text()
    assert body.startswith("403 Forbidden: ") and body.count("\n") == 1 and len(body) < 120
    assert FakeAppService.launched == []


# --- the cookie flow ---------------------------------------------------------------------------


async def test_the_token_is_traded_for_a_strict_cookie_and_a_clean_address(
    client: TestClient[Any, Any], guard: Guard
) -> None:
    response = await client.get(
        f"/?token={guard.token}&fontsize=14",
        allow_redirects=False,
        headers={"Host": f"127.0.0.1:{guard.port}"},
    )
    assert response.status == 302
    assert response.headers["Location"] == f"http://127.0.0.1:{guard.port}/?fontsize=14"
    assert response.headers["Cache-Control"] == "no-store"
    set_cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in set_cookie
    assert "SameSite=Strict" in set_cookie
    assert "Path=/" in set_cookie
    assert "Max-Age" not in set_cookie and "expires" not in set_cookie.lower()  # gone with the tab
    morsel = SimpleCookie(set_cookie)[guard.cookie_name]
    assert morsel.value and guard.token not in morsel.value  # the cookie is its own secret

    page = await client.get(
        "/?fontsize=14",
        headers={"Host": f"127.0.0.1:{guard.port}", "Cookie": f"{morsel.key}={morsel.value}"},
    )
    assert page.status == 200
    html = await page.text()
    assert "data-session-websocket-url" in html
    assert guard.token not in html
    assert page.headers["Referrer-Policy"] == "no-referrer"
    assert page.headers["X-Frame-Options"] == "DENY"
    assert FakeAppService.launched == []  # the page alone starts nothing


async def test_the_cookie_opens_the_pages_websocket_and_starts_one_app(
    client: TestClient[Any, Any], guard: Guard
) -> None:
    cookie = await cookie_from_token(client, guard)
    # textual-serve's page appends ?width=..&height=.. to the bare /ws address it is given.
    async with client.ws_connect(
        "/ws?width=100&height=30", headers={**here(guard), "Cookie": cookie}
    ) as ws:
        await ws.send_json(["ping", "x"])
        assert await ws.receive_json() == ["pong", "x"]
    [launched] = FakeAppService.launched
    assert launched.command == COMMAND  # the token is not in the app's command...
    assert launched.size == (100, 30)
    assert guard.token not in os.environ.values()  # ...nor in the environment it inherits


async def test_the_token_itself_also_opens_the_websocket(
    client: TestClient[Any, Any], guard: Guard
) -> None:
    async with client.ws_connect(
        f"/ws?token={guard.token}&width=80&height=24", headers=here(guard)
    ) as ws:
        await ws.send_json(["ping", "y"])
        assert await ws.receive_json() == ["pong", "y"]
    assert len(FakeAppService.launched) == 1


async def test_under_localhost_the_token_goes_to_127_0_0_1_first(
    client: TestClient[Any, Any], guard: Guard
) -> None:
    response = await client.get(
        f"/?token={guard.token}",
        allow_redirects=False,
        headers={"Host": f"localhost:{guard.port}"},
    )
    assert response.status == 302
    assert response.headers["Location"] == f"http://127.0.0.1:{guard.port}/?token={guard.token}"
    assert "Set-Cookie" not in response.headers
    cookie = await cookie_from_token(client, guard)
    async with client.ws_connect(
        "/ws?width=80&height=24", headers={**here(guard, "localhost"), "Cookie": cookie}
    ):
        pass
    assert len(FakeAppService.launched) == 1


# --- refusals: each one is a 403 of one line, and no app process starts ------------------------


async def test_the_bare_address_is_refused(client: TestClient[Any, Any], guard: Guard) -> None:
    await assert_refused(await client.get("/", headers={"Host": here(guard)["Host"]}))


async def test_static_files_and_downloads_need_the_secret_too(
    client: TestClient[Any, Any], guard: Guard
) -> None:
    for path in ("/static/js/textual.js", "/static/", "/download/anything"):
        await assert_refused(await client.get(path, headers={"Host": here(guard)["Host"]}))


@pytest.mark.parametrize("secret", ["token=wrong", "token=", "token=%C3%A9"])
async def test_a_wrong_token_is_refused(
    client: TestClient[Any, Any], guard: Guard, secret: str
) -> None:
    response = await client.get(
        f"/?{secret}", allow_redirects=False, headers={"Host": here(guard)["Host"]}
    )
    await assert_refused(response)
    assert "Set-Cookie" not in response.headers


async def test_a_forged_cookie_is_refused(client: TestClient[Any, Any], guard: Guard) -> None:
    forged = {"Host": here(guard)["Host"], "Cookie": f"{guard.cookie_name}={guard.token}"}
    await assert_refused(await client.get("/", headers=forged))


async def test_a_websocket_without_the_secret_is_refused(
    client: TestClient[Any, Any], guard: Guard
) -> None:
    response = await client.get("/ws?width=80&height=24", headers={**here(guard), **upgrade()})
    await assert_refused(response)


@pytest.mark.parametrize(
    "origin",
    [f"http://{EVIL}", "null", "http://127.0.0.1:1", "https://127.0.0.1:{port}", None],
    ids=["foreign site", "null", "other port", "other scheme", "no Origin"],
)
async def test_a_websocket_from_another_origin_is_refused(
    client: TestClient[Any, Any], guard: Guard, origin: str | None
) -> None:
    cookie = await cookie_from_token(client, guard)
    headers = {"Host": here(guard)["Host"], "Cookie": cookie, **upgrade()}
    if origin is not None:
        headers["Origin"] = origin.format(port=guard.port)
    await assert_refused(await client.get("/ws?width=80&height=24", headers=headers))


async def test_the_token_does_not_excuse_a_foreign_origin(
    client: TestClient[Any, Any], guard: Guard
) -> None:
    headers = {"Host": here(guard)["Host"], "Origin": f"http://{EVIL}", **upgrade()}
    await assert_refused(await client.get(f"/ws?token={guard.token}", headers=headers))


@pytest.mark.parametrize(
    "host", [f"{EVIL}:{{port}}", EVIL, "127.0.0.1", "127.0.0.1:1", "[::1]:{port}", ""]
)
async def test_the_page_under_a_foreign_host_is_refused(
    client: TestClient[Any, Any], guard: Guard, host: str
) -> None:
    cookie = await cookie_from_token(client, guard)
    headers = {"Host": host.format(port=guard.port), "Cookie": cookie}
    await assert_refused(await client.get("/", headers=headers))
    response = await client.get(f"/?token={guard.token}", allow_redirects=False, headers=headers)
    await assert_refused(response)
    assert "Set-Cookie" not in response.headers


async def test_the_websocket_under_a_foreign_host_is_refused(
    client: TestClient[Any, Any], guard: Guard
) -> None:
    cookie = await cookie_from_token(client, guard)
    headers = {
        "Host": f"{EVIL}:{guard.port}",
        "Origin": f"http://{EVIL}:{guard.port}",
        "Cookie": cookie,
        **upgrade(),
    }
    await assert_refused(await client.get("/ws?width=80&height=24", headers=headers))


def test_the_guard_keeps_its_secrets_out_of_its_repr() -> None:
    guard = Guard(8765)
    assert guard.token not in repr(guard)
    assert guard.address == f"http://127.0.0.1:8765/?token={guard.token}"
    assert len(guard.token) >= 43  # secrets.token_urlsafe(32)
    assert Guard(8765).token != guard.token
