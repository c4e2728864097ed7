"""One request's path: scripted delay, scripted failure, token, method, and the call record."""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

from .chat import check_response_url_post
from .common import Handler, Params, Refused, Reply
from .files import Files
from .recorder import Call, CallRecorder
from .scripting import Script

_BOT_SCOPES = "commands,chat:write,im:write,users:read,files:write,channels:read"
_PLAIN_TEXT = "text/plain; charset=utf-8"
_UPLOAD = "files.upload"  # how the step between the two files.* methods is recorded and scripted
# Recorded for a call whose client left during a scripted delay: Slack never got it.
CLIENT_GONE = 499


class WebApi:
    """Answers what the server routes here, holding the stand-in's lock only to touch state."""

    def __init__(
        self,
        lock: threading.RLock,
        script: Script,
        recorder: CallRecorder,
        handlers: dict[str, Handler],
        files: Files,
    ) -> None:
        self._lock = lock
        self._script = script
        self._recorder = recorder
        self._handlers = handlers
        self._files = files
        self._in_flight: Counter[str] = Counter()

    def in_flight(self, method: str) -> int:
        """How many calls to `method` are waiting out a scripted delay right now."""
        with self._lock:
            return self._in_flight[method]

    def answer_api(
        self,
        method: str,
        params: Params,
        token: str | None,
        client_gone: Callable[[], bool] | None = None,
    ) -> Reply:
        """Answer a Web API call and record it (a scripted delay is slept outside the lock).

        A client that left during the delay (`client_gone`) is as a request lost on the way:
        nothing happens, and the call is recorded with status 499.
        """
        token = token or (params.pop("token", None) or None)
        params.pop("token", None)
        with self._lock:
            self._in_flight[method] += 1
        try:
            self._wait_if_slow(method)
        finally:
            with self._lock:
                self._in_flight[method] -= 1
        if client_gone is not None and client_gone():
            with self._lock:
                gone = {"ok": False, "error": "client_gone"}
                self._recorder.record(Call(method, params, token, time.time(), gone, CLIENT_GONE))
            return Reply(CLIENT_GONE, b"")
        with self._lock:
            failure = self._script.take_failure(method)
            body = self._run(method, params, token) if failure is None else failure.recorded()
            status = 200 if failure is None else failure.status
            self._recorder.record(Call(method, params, token, time.time(), body, status))
        if failure is not None:
            return failure.reply()
        # The body is the method's own copy, never the stand-in's state: encode it unlocked.
        headers = {"x-oauth-scopes": _BOT_SCOPES} if method == "auth.test" else {}
        return Reply(200, json.dumps(body).encode(), headers=headers)

    def answer_upload(self, file_id: str, data: bytes) -> Reply:
        """Take a file's bytes at its upload URL, as files.slack.com does (scriptable too)."""
        self._wait_if_slow(_UPLOAD)
        params: Params = {"file_id": file_id, "length": len(data)}
        with self._lock:
            failure = self._script.take_failure(_UPLOAD)
            if failure is not None:
                recorded, status = failure.recorded(), failure.status
            else:
                received = self._files.receive(file_id, data)
                recorded, status = {"ok": received}, 200 if received else 404
            self._recorder.record(Call(_UPLOAD, params, None, time.time(), recorded, status))
        if failure is not None:
            return failure.reply()
        text = f"OK - {len(data)}" if status == 200 else "not found"
        return Reply(status, text.encode(), _PLAIN_TEXT)

    def answer_response_url(self, path: str, params: Params) -> Reply:
        """Take a post to a response_url: 200 "ok", or 400 with Slack's error as plain text."""
        rejection = check_response_url_post(params)
        status, text = (400, rejection.error) if rejection else (200, "ok")
        recorded: dict[str, Any] = {"ok": rejection is None}
        if rejection:
            recorded["error"] = text
        with self._lock:
            self._recorder.record(
                Call("response_url", {"path": path, **params}, None, time.time(), recorded, status)
            )
        return Reply(status, text.encode(), _PLAIN_TEXT)

    def call_summary(self) -> list[dict[str, Any]]:
        """Method, status and ok of every call so far."""
        return self._recorder.summary()

    def _wait_if_slow(self, method: str) -> None:
        with self._lock:
            delay = self._script.take_delay(method)
        if delay > 0:
            time.sleep(delay)  # unlocked: other calls, even to the same method, keep flowing

    def _run(self, method: str, params: Params, token: str | None) -> dict[str, Any]:
        handler = self._handlers.get(method)
        if handler is None:
            return {"ok": False, "error": "unknown_method"}
        try:
            self._script.check_token(token)
            return {"ok": True, **handler(params)}
        except Refused as refused:
            return refused.rejection.body()
