"""Files upload v2: files.getUploadURLExternal, the upload itself, files.completeUploadExternal."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from ..workspace import Channel, UploadedFile
from .chat import Chat
from .common import Handler, Ids, Params, Refused, is_user_id
from .directory import Directory

_CHANNEL_ID_PATTERN = (
    "input must match regex pattern: ^[CGDZ][A-Z0-9]{8,}$ [json-pointer:/channel_id]"
)


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
        alt_txt = params.get("alt_txt")
        self._files[file_id] = UploadedFile(
            file_id, str(filename), length, alt_txt=str(alt_txt) if alt_txt else None
        )
        return {"upload_url": f"{self._base_url()}/upload/v1/{file_id}", "file_id": file_id}

    def _complete_upload(self, params: Params) -> dict[str, Any]:
        files = params.get("files")
        if not isinstance(files, list) or not files:
            raise Refused("invalid_arguments", "missing required field: files")
        channel_id = params.get("channel_id")
        if isinstance(channel_id, str) and is_user_id(channel_id):
            # Unlike chat.postMessage, channel_id takes no user id: a DM needs its D… id.
            raise Refused("invalid_arguments", _CHANNEL_ID_PATTERN)
        channel_ids = [channel_id] if channel_id else []
        channel_ids += [c for c in str(params.get("channels") or "").split(",") if c]
        targets: list[Channel] = [self._directory.postable(c) for c in channel_ids]
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
