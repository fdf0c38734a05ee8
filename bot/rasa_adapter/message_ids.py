"""Message ids: one per client message, made by the sender and reused for every resend.

The chat page, the terminal chat and the load tools give every message a random id and
send it in the message metadata (``{"message_id": ...}``). Rasa's handling of an id is
done once (`bot.rasa_adapter.once`); this module holds what needs no Rasa import:
the id's form, the time limits, and reading the replies of an earlier handling back out
of the tracker's events.

Time limits, from the inside out (each longer than the one before it):

* ``HANDLING_TIMEOUT``: Rasa's handling of one message, waiting for the conversation's
  lock included (`bot.rasa_adapter.channel` answers 503 after it);
* ``LOCK_LIFETIME``: how long a handler holds the conversation's lock at most. Longer
  than the handling, so a lock is never lost while its message is still being handled,
  and short enough that a Rasa server killed while holding it blocks the conversation
  only briefly;
* ``BALANCER_QUEUE``: how long HAProxy lets a request wait for a free Rasa server
  (``timeout queue`` in deploy/haproxy.cfg);
* the web app's timeout toward Rasa (`bot.web.app.RASA_TIMEOUT`), longer than queue plus
  handling, so that a slow message is not abandoned while Rasa is still at it;
* the chat page's own timeout (``CLIENT_TIMEOUT_MS`` in chat.js), longer still.
"""

from __future__ import annotations

import os
import re
import secrets
from typing import Any, Dict, List, Optional, Sequence

METADATA_KEY = "message_id"
MESSAGE_ID = re.compile(r"[A-Za-z0-9_-]{8,64}")  # use fullmatch

HANDLING_TIMEOUT = float(os.environ.get("OVERSTAP_HANDLING_TIMEOUT", "20"))
LOCK_LIFETIME = HANDLING_TIMEOUT + 10
BALANCER_QUEUE = 15.0

# What Rasa's CollectingOutputChannel puts next to "text" (from a BotUttered's data).
_REPLY_FIELDS = ("buttons", "image", "attachment", "custom")


def new_message_id() -> str:
    """A random id for one message (24 URL-safe characters, like the chat page's)."""
    return secrets.token_urlsafe(18)


def message_id_of(metadata: Any) -> Optional[str]:
    """The message id in `metadata`, or None when there is none or it is malformed."""
    if not isinstance(metadata, dict):
        return None
    value = metadata.get(METADATA_KEY)
    if isinstance(value, str) and MESSAGE_ID.fullmatch(value):
        return value
    return None


def _event_message_id(event: Dict[str, Any]) -> Optional[str]:
    return message_id_of(event.get("metadata"))


def is_handled(events: Sequence[Dict[str, Any]], message_id: str) -> bool:
    return any(e.get("event") == "user" and _event_message_id(e) == message_id for e in events)


def stored_replies(events: Sequence[Dict[str, Any]], message_id: str, recipient_id: str) -> Optional[List[dict]]:
    """The bot messages that answered `message_id`, as the REST channel returned them.

    None when no user event carries that id (the message was never handled). Otherwise
    the bot utterances between that user event and the next one, possibly none (e.g. the
    action server was down when it was handled).
    """
    replies: Optional[List[dict]] = None
    for event in events:
        kind = event.get("event")
        if kind == "user":
            if replies is not None:
                break
            if _event_message_id(event) == message_id:
                replies = []
        elif kind == "bot" and replies is not None:
            reply: Dict[str, Any] = {"recipient_id": recipient_id}
            if event.get("text") is not None:
                reply["text"] = event["text"]
            data = event.get("data") or {}
            reply.update({k: data[k] for k in _REPLY_FIELDS if data.get(k)})
            replies.append(reply)
    return replies
