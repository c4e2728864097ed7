"""Files upload v2: files.getUploadURLExternal, the upload itself, files.completeUploadExternal."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from ..workspace import Channel, UploadedFile
from .chat import Chat
from .common import Handler, Ids, Params, Refused
from .directory import Directory


class Files:
    """Reserved and uploaded files; the caller holds the stand-in's lock."""

    def __init__(
        self, directory: Directory, chat: Chat, ids: Ids, *, base_url: Callable[[], str]
    ) -> None:
        self._directory = directory
        self._chat = chat
        self._ids = ids
        self._base_url = base_url  # known once the server runs, after this is built
        self._files: dict[str, UploadedFile] = {}

    def handlers(self) -> dict[str, Handler]:
        """The Web API methods this part answers."""
        return {
            "files.getUploadURLExternal": self._get_upload_url,
            "files.completeUploadExternal": self._complete_upload,
        }

    def file(self, file_id: str) -> UploadedFile:
        """A copy of a reserved or uploaded file (KeyError if unknown)."""
        return copy.deepcopy(self._files[file_id])

    def receive(self, file_id: str, data: bytes) -> bool:
        """Store the bytes posted to an upload URL; False if no such file was reserved."""
        upload = self._files.get(file_id)
        if upload is None:
            return False
        upload.content = data
        return True

    # -- Web API methods -----------------------------------------------------------------

    def _get_upload_url(self, params: Params) -> dict[str, Any]:
        filename = params.get("filename")
        try:
            length = int(params.get("length", ""))
        except ValueError:
            raise Refused("invalid_arguments", "missing required field: length") from None
        if not filename:
            raise Refused("invalid_arguments", "missing required field: filename")
        file_id = self._ids.new("F")
        self._files[file_id] = UploadedFile(file_id, str(filename), length)
        return {"upload_url": f"{self._base_url()}/upload/v1/{file_id}", "file_id": file_id}

    def _complete_upload(self, params: Params) -> dict[str, Any]:
        files = params.get("files")
        if not isinstance(files, list) or not files:
            raise Refused("invalid_arguments", "missing required field: files")
        targets: list[Channel] = []
        channel_ids = [params["channel_id"]] if params.get("channel_id") else []
        channel_ids += [c for c in str(params.get("channels") or "").split(",") if c]
        for channel_id in channel_ids:
            targets.append(self._directory.resolve(channel_id))
        done: list[dict[str, Any]] = []
        for item in files:
            upload = self._files.get(item.get("id", "")) if isinstance(item, dict) else None
            if upload is None or upload.content is None:
                raise Refused("file_not_found")
            upload.title = item.get("title") or upload.filename
            upload.completed = True
            upload.channels = [c.id for c in targets]
            done.append(
                {
                    "id": upload.id,
                    "title": upload.title,
                    "name": upload.filename,
                    "size": len(upload.content),
                }
            )
        for channel in targets:
            message = self._chat.bot_message(str(params.get("initial_comment") or ""), None)
            message["files"] = copy.deepcopy(done)
            message["upload"] = True
            if params.get("thread_ts"):
                message["thread_ts"] = params["thread_ts"]
            self._chat.store(channel.id, message)
        return {"files": done}
