"""Rasa's REST channel, answering each message once and saying when it could not.

Same URL and request as Rasa's own ``rest`` channel (``POST /webhooks/rest/webhook`` with
``{"sender", "message", "metadata"}``), configured in credentials.yml. Two differences:

* every message is handled through `bot.rasa_adapter.once`: a resend of a message id
  gets the replies of its first handling;
* a message that was not handled gets a status instead of an empty 200: 503
  ``{"error": "store_unavailable"}`` when the tracker store refused it (database or
  Redis down), 503 ``lock_unavailable`` when the lock store failed, 503 ``timeout`` after
  ``HANDLING_TIMEOUT``, 503 ``not_ready`` without a model, 500 ``failed`` otherwise. In
  every case nothing of the message was stored, and sending it again is safe.

Rasa's channel logs the message text with its errors; this one logs ids and error types.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Awaitable, Callable, List, Text

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from rasa.core.lock_store import LockError
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.rasa_adapter.message_ids import HANDLING_TIMEOUT, message_id_of
from bot.rasa_adapter.once import AgentNotReady, handle_once
from bot.rasa_adapter.tracker_store import StoreUnavailable

logger = logging.getLogger(__name__)


class Refused(Exception):
    """The message was not handled; `code` says why (the error code of the 503)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


async def handle(agent: Any, message: UserMessage) -> List[dict]:
    """`handle_once` with every way of not handling the message turned into `Refused`."""
    try:
        return await handle_once(agent, message)
    except StoreUnavailable:  # a CancelledError: must not cross the task boundary as one
        raise Refused("store_unavailable") from None
    except LockError:
        raise Refused("lock_unavailable") from None
    except AgentNotReady:
        raise Refused("not_ready") from None
    except Exception as exc:  # noqa: BLE001 - e.g. Redis errors from the lock store
        if type(exc).__module__.startswith("redis"):
            raise Refused("lock_unavailable") from None
        raise


def _error(status: int, code: str) -> HTTPResponse:
    return response.json({"error": code}, status=status)


class ExactlyOnceRestInput(RestInput):
    @classmethod
    def name(cls) -> Text:
        return "rest"  # keeps Rasa's URL: /webhooks/rest/webhook

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("overstap_exactly_once_rest", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                payload = request.json
            except Exception:  # noqa: BLE001 - sanic raises its own error for invalid JSON
                payload = None
            if not isinstance(payload, dict):
                return _error(400, "invalid_request")
            sender_id, text, metadata = payload.get("sender"), payload.get("message"), payload.get("metadata")
            if not isinstance(sender_id, str) or not sender_id or not isinstance(text, str):
                return _error(400, "invalid_request")
            if metadata is not None and not isinstance(metadata, dict):
                return _error(400, "invalid_request")
            message_id = message_id_of(metadata)
            message = UserMessage(
                text,
                CollectingOutputChannel(),
                sender_id,
                input_channel=self.name(),
                metadata=metadata,
                message_id=message_id,
            )
            try:
                replies = await asyncio.wait_for(handle(request.app.ctx.agent, message), HANDLING_TIMEOUT)
            except Refused as exc:
                logger.warning("message not handled: conversation=%s error=%s", sender_id, exc.code)
                return _error(503, exc.code)
            except asyncio.TimeoutError:
                logger.warning("message not handled: conversation=%s error=timeout", sender_id)
                return _error(503, "timeout")
            except Exception as exc:  # noqa: BLE001 - no traceback: it can hold the text
                logger.error("message not handled: conversation=%s error=%s", sender_id, type(exc).__name__)
                return _error(500, "failed")
            return response.json(replies)

        return webhook
