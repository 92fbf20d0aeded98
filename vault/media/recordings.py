"""Audio and video are never released as recordings: the release carries the transcript.

A voice is biometric (Chinese police collect voice prints) and a recording also holds
background sounds, names said aloud and the rhythm of a dialect. No offline voice
anonymiser available here resists a determined speaker-identification system, so the
product offers none: the transcript, redacted like any text, is what leaves the vault.
"""
from __future__ import annotations

import enum

from vault.errors import MediaError


class MediaKind(enum.Enum):
    """What an attachment is, for deciding how (if at all) it can be released."""

    PHOTO = "photo"
    AUDIO = "audio"
    VIDEO = "video"
    DOCUMENT = "document"


_RELEASE_RULES = {
    MediaKind.PHOTO: "released only as a rebuilt image with faces masked, after a person's review",
    MediaKind.AUDIO: "never released as a recording: release the redacted transcript",
    MediaKind.VIDEO: "never released as a recording: release the redacted transcript",
    MediaKind.DOCUMENT: "released only as re-rendered page images after masking, never as the original file",
}


def release_rule(kind: MediaKind) -> str:
    """Return the sentence the workbench shows for releasing this kind of attachment."""
    return _RELEASE_RULES[kind]


def ensure_releasable_as_media(kind: MediaKind) -> None:
    """Raise MediaError for kinds whose original media may never be released."""
    if kind in (MediaKind.AUDIO, MediaKind.VIDEO):
        raise MediaError(f"{kind.value} is {release_rule(kind)}")
