"""Who may use `achilles-tui serve`: whoever holds this run's secret, from the app's own page.

127.0.0.1 alone lets in every local account, and every web page open in the person's browser
(browsers let any page open a WebSocket to 127.0.0.1; only the server can refuse, by Origin),
and DNS rebinding (a foreign name pointed at 127.0.0.1: only the Host header tells). So, like
Jupyter, every request must:

- name this server in its Host header (127.0.0.1:PORT or localhost:PORT);
- if it has an Origin (a WebSocket always must), come from this server's own page;
- carry the secret: the run's token (``?token=``, printed by `serve`) or the cookie a request
  with the token was given. That request is redirected to the same address without the token,
  so it leaves the address bar; the cookie's value is a second secret, not the token.

A refusal is a 403 with one line of text; the request never reaches textual-serve, so no app
process starts. The token reaches neither the app process (its command and environment are
fixed before any request), nor a log (the access log is off), nor the page's HTML.

Checked against textual-serve 1.1.3 (pyproject pins textual-serve>=1.1.3,<1.2): this relies on
its private ``Server._make_app`` returning the aiohttp application before it starts, on its
page's WebSocket being ``/ws`` (its JS adds ``?width=..&height=..`` to the address in the page)
and on ``handle_websocket`` starting the app process only after the handshake.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import secrets
from collections.abc import Callable

from aiohttp import hdrs, web
from aiohttp.typedefs import Handler
from rich.logging import RichHandler
from textual_serve.server import Server

HOST = "127.0.0.1"
TOKEN_PARAM = "token"
WEBSOCKET_PATH = "/ws"

# Sent with every answer: no Referer to the web font's site, no framing by another page.
SAFETY_HEADERS = {
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
}
NO_STORE = {hdrs.CACHE_CONTROL: "no-store"}


class Guard:
    """This run's secrets and the checks every request passes before textual-serve sees it."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.token = secrets.token_urlsafe(32)
        self._session = secrets.token_urlsafe(32)  # the cookie's value; never the token
        # Browsers share a host's cookies across ports: one name per port keeps two runs apart.
        self.cookie_name = f"achilles-tui-{port}"
        self.hosts = frozenset({f"{HOST}:{port}", f"localhost:{port}"})
        self.origins = frozenset(f"http://{host}" for host in self.hosts)

    def __repr__(self) -> str:  # never the secrets, should a Guard end up in a traceback
        return f"Guard(port={self.port})"

    @property
    def address(self) -> str:
        """The address to open: the only way in, printed by `serve` and opened by --open."""
        return f"http://{HOST}:{self.port}/?{TOKEN_PARAM}={self.token}"

    @web.middleware
    async def middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Refuse, redirect, or pass the request on to textual-serve."""
        host = request.headers.get(hdrs.HOST, "").lower()
        if host not in self.hosts:
            return refusal(f"achilles-tui answers only as {HOST}:{self.port}.")
        origin = request.headers.get(hdrs.ORIGIN)
        websocket = (
            request.path == WEBSOCKET_PATH
            or request.headers.get(hdrs.UPGRADE, "").lower() == "websocket"
        )
        if (websocket or origin is not None) and origin not in self.origins:
            return refusal("only achilles-tui's own page may connect to it.")
        given = request.query.get(TOKEN_PARAM)
        if given is not None:
            if not _same(given, self.token):
                return refusal("that token is not this run's; open the address serve printed.")
            if not websocket:
                return self._trade_token_for_cookie(request, host)
        elif not _same(request.cookies.get(self.cookie_name, ""), self._session):
            return refusal("open the address achilles-tui serve printed; it carries the secret.")
        return await handler(request)

    def _trade_token_for_cookie(self, request: web.Request, host: str) -> web.Response:
        """Set the cookie and send the browser to the same address without the token.

        Under localhost the browser is first sent to 127.0.0.1 with the token: the page's
        WebSocket address is 127.0.0.1, and a cookie set for localhost would not go there.
        """
        here = f"http://{HOST}:{self.port}"  # absolute, so a path like //x cannot lead away
        if not host.startswith(f"{HOST}:"):
            location = f"{here}{request.rel_url}"
            return web.Response(status=302, headers={hdrs.LOCATION: location, **NO_STORE})
        clean = f"{here}{request.rel_url.without_query_params(TOKEN_PARAM)}"
        response = web.Response(status=302, headers={hdrs.LOCATION: clean, **NO_STORE})
        response.set_cookie(
            self.cookie_name, self._session, path="/", httponly=True, samesite="Strict"
        )
        return response


def refusal(reason: str) -> web.Response:
    """403 with one short line of text."""
    return web.Response(status=403, text=f"403 Forbidden: {reason}\n", headers=NO_STORE)


def _same(given: str, secret: str) -> bool:
    """Compare in constant time (bytes: the given text may be any Unicode)."""
    return hmac.compare_digest(given.encode("utf-8", "replace"), secret.encode("utf-8"))


async def _add_safety_headers(_request: web.Request, response: web.StreamResponse) -> None:
    response.headers.update(SAFETY_HEADERS)


class GuardedServer(Server):
    """textual-serve's Server behind a Guard, quiet about the token.

    ``when_listening`` (for --open) runs in a worker thread once the port accepts connections.
    """

    def __init__(
        self,
        command: str,
        guard: Guard,
        *,
        title: str,
        when_listening: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(command, host=HOST, port=guard.port, title=title)
        self.guard = guard
        self.when_listening = when_listening
        self._tasks: set[asyncio.Task[None]] = set()

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self.guard.middleware)
        app.on_response_prepare.append(_add_safety_headers)
        return app

    def initialize_logging(self) -> None:
        super().initialize_logging()
        # The access log writes each request line, the first one with the token in it.
        logging.getLogger("aiohttp.access").disabled = True
        # textual-serve's handler prints the local variables of a traceback; a secret could be one.
        for handler in logging.getLogger().handlers:
            if isinstance(handler, RichHandler):
                handler.tracebacks_show_locals = False

    async def on_startup(self, app: web.Application) -> None:
        """Instead of textual-serve's banner (it shows the address without the token)."""
        if self.when_listening is not None:
            task = asyncio.create_task(self._call_when_listening(self.when_listening))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _call_when_listening(self, call: Callable[[], None]) -> None:
        for _ in range(100):
            try:
                _reader, writer = await asyncio.open_connection(HOST, self.port)
            except OSError:
                await asyncio.sleep(0.1)
                continue
            writer.close()
            break
        await asyncio.get_running_loop().run_in_executor(None, call)
