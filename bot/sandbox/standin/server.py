"""The HTTP edge: a threaded loopback server that decodes requests and routes them."""

from __future__ import annotations

import contextlib
import json
import logging
import select
import socket
import sys
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Protocol, Self
from urllib.parse import parse_qsl, urlsplit

from .common import Params, Reply

logger = logging.getLogger("bot.sandbox.standin")

# Form fields slack_sdk (or an app) may send as JSON strings; Slack decodes them, so do we.
_JSON_FIELDS = frozenset({"blocks", "attachments", "view", "files", "metadata"})


class Endpoints(Protocol):
    """What the server routes requests to."""

    def answer_api(
        self,
        method: str,
        params: Params,
        token: str | None,
        client_gone: Callable[[], bool] | None = None,
    ) -> Reply:
        """Answer a Web API call, e.g. /api/chat.postMessage."""
        ...

    def answer_upload(self, file_id: str, data: bytes) -> Reply:
        """Answer a post of a file's bytes to its upload URL."""
        ...

    def answer_response_url(self, path: str, params: Params) -> Reply:
        """Answer a post to a response_url."""
        ...

    def call_summary(self) -> list[dict[str, Any]]:
        """Method, status and ok of every call so far."""
        ...


def decode_params(content_type: str, raw: bytes, query: str) -> Params:
    """A request's arguments from its query string and JSON or form body, as Slack reads them."""
    params: Params = dict(parse_qsl(query, keep_blank_values=True))
    if not raw:
        return params
    if "json" in content_type:
        body = json.loads(raw.decode("utf-8"))
        if isinstance(body, dict):
            params.update(body)
        return params
    params.update(parse_qsl(raw.decode("utf-8"), keep_blank_values=True))
    for key in _JSON_FIELDS & params.keys():
        value = params[key]
        if isinstance(value, str) and value[:1] in ("[", "{"):
            # Left as sent when it does not parse: the method's own checks refuse it.
            with contextlib.suppress(json.JSONDecodeError):
                params[key] = json.loads(value)
    return params


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # socketserver's default backlog of 5 drops connections when dozens of workers (or
    # several processes) call at once, and each dropped SYN costs the client a 1 s retry.
    request_queue_size = 1024

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that gave up (its timeout beat a scripted slow answer) is expected here:
        # log it quietly instead of printing a traceback per abandoned call.
        if isinstance(sys.exc_info()[1], ConnectionError):
            logger.debug("stand-in: %s left before its answer", client_address)
            return
        super().handle_error(request, client_address)


class Served:
    """Something answering HTTP on 127.0.0.1 (a free port), one thread per connection."""

    def __init__(self, endpoints: Endpoints) -> None:
        self._endpoints = endpoints
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> Self:
        """Serve on 127.0.0.1 (a free port) from a daemon thread."""
        if self._server is not None:
            return self
        self._server = _Server(("127.0.0.1", 0), _make_handler(self._endpoints))
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="slack-standin",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and release the socket."""
        if self._server is None:
            return
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = None
        self._thread = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        """Root URL of the running server, e.g. http://127.0.0.1:54321."""
        if self._server is None:
            raise RuntimeError("the stand-in is not started")
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def api_url(self) -> str:
        """The Web API base URL for `WebClient(base_url=...)`, ending in /api/."""
        return f"{self.base_url}/api/"


def _peer_closed(connection: socket.socket) -> bool:
    """Whether the client closed its side (its process died, or it gave up waiting)."""
    try:
        readable, _, _ = select.select([connection], [], [], 0)
        return bool(readable) and connection.recv(1, socket.MSG_PEEK) == b""
    except OSError:
        return True


def _make_handler(endpoints: Endpoints) -> type[BaseHTTPRequestHandler]:
    class StandInRequestHandler(BaseHTTPRequestHandler):
        server_version = "SlackStandIn/1.0"

        def do_POST(self) -> None:  # noqa: N802 - http.server's naming
            self._dispatch()

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            self._dispatch()

        def _dispatch(self) -> None:
            url = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            try:
                reply = self._route(url.path, url.query, raw)
            except Exception:  # a stand-in bug must show up as a 500, not a hung client
                logger.exception("stand-in failed on %s", self.path)
                reply = Reply(500, b'{"ok": false, "error": "internal_error"}')
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(reply.body)))
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(reply.body)

        def _route(self, path: str, query: str, raw: bytes) -> Reply:
            if path.startswith("/api/"):
                params = decode_params(self.headers.get("Content-Type") or "", raw, query)
                auth = self.headers.get("Authorization") or ""
                token = auth[len("Bearer ") :] if auth.startswith("Bearer ") else None
                return endpoints.answer_api(
                    path[len("/api/") :], params, token, lambda: _peer_closed(self.connection)
                )
            if path.startswith("/upload/v1/"):
                return endpoints.answer_upload(path[len("/upload/v1/") :], raw)
            if path.startswith("/response_url/"):
                params = decode_params(self.headers.get("Content-Type") or "", raw, query)
                return endpoints.answer_response_url(path, params)
            if path == "/_standin/calls":
                # For a stand-in in another process (benchmarks): what it was asked, in order.
                return Reply(200, json.dumps(endpoints.call_summary()).encode())
            return Reply(404, b'{"ok": false, "error": "unknown_method"}')

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - base signature
            logger.debug("stand-in: " + format, *args)

    return StandInRequestHandler
