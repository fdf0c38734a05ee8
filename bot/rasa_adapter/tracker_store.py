"""Rasa tracker store that keeps Rasa's state in SQL and mirrors every message into
Overstap's transcript tables, once, in order.

* Rasa's own events go to the same database (DATABASE_URL) through SQLTrackerStore.
* Until the client has consented in this session, the tracker is held outside the
  database (`bot.rasa_adapter.pending_store`: this process's memory, or Redis without persistence when
  REDIS_URL is set so that several Rasa servers can share it): nothing the client wrote is
  persisted before they agreed.
* After consent, each save inserts the messages that are not stored yet (keyed by their
  position), so a failing action server, a retried save or a crash between saves can
  neither lose nor duplicate a turn: the next save fills any gap.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from collections.abc import Mapping
from typing import Any, Dict, Iterator, Optional, Text

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity
from sqlalchemy.engine import make_url

from bot.coach.records import store_new_turns
from bot.db.engine import database_url, sqlite_engine
from bot.db.migrate import upgrade
from bot.rasa_adapter import action_results, event_types
from bot.rasa_adapter.pending_store import MAX_PENDING, pending_store  # noqa: F401 (MAX_PENDING re-exported)
from bot.rasa_adapter.transcript import CONSENT_GIVEN, CONSENT_SLOT, consented, conversation_ref, turn_records

logger = logging.getLogger(__name__)


def _unavailable(operation: str, exc: Exception) -> StoreUnavailable:
    # Only the type: the error's text can hold SQL parameters, i.e. message text.
    logger.error("tracker store unavailable (%s): %s", operation, type(exc).__name__)
    return StoreUnavailable(operation)


_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def storable(value: Any) -> Any:
    """`value` with every string made storable in any SQL database as UTF-8 text.

    A client can send text that JSON allows but a database column does not: lone UTF-16
    surrogates ("\\ud800", not encodable as UTF-8) and NUL (PostgreSQL text refuses it).
    Such a turn would fail to store on every save, so it is stored with U+FFFD instead.
    """
    if isinstance(value, str):
        if value.isascii() and "\x00" not in value:
            return value
        return _UNSTORABLE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {k: storable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [storable(v) for v in value]
    return value


class EventView(Mapping):
    """A Rasa event read as its dict (`Event.as_dict()`, made `storable`), for the transcript
    functions; the dict is made only when more than the event's type (or a slot's name and
    value) is read, so the turns already stored cost no serialisation."""

    __slots__ = ("_event", "_dict")

    def __init__(self, event: Any) -> None:
        self._event = event
        self._dict: Optional[Dict[str, Any]] = None

    def _full(self) -> Dict[str, Any]:
        if self._dict is None:
            self._dict = storable(self._event.as_dict())
        return self._dict

    def __getitem__(self, key: str) -> Any:
        if key == "event":
            return self._event.type_name
        if self._dict is None and self._event.type_name == "slot" and key in ("name", "value"):
            return self._event.key if key == "name" else self._event.value
        return self._full()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._full())

    def __len__(self) -> int:
        return len(self._full())


class StoreUnavailable(asyncio.CancelledError):
    """The database or Redis failed while Rasa read or wrote a tracker.

    Rasa wraps every tracker store in a FailSafeTrackerStore that swallows any Exception:
    a failed read becomes "no tracker" (a consented conversation would silently start
    again from the welcome) and a failed write goes to a per-process in-memory store
    (state split between Rasa servers). This error is a CancelledError, not an Exception,
    so it passes FailSafeTrackerStore; Overstap's REST channel (`bot.rasa_adapter.channel`)
    answers it with 503 ``store_unavailable`` (the web app passes a 503 on, the page sends
    the message again with the same id), nothing is stored,
    and the next message after the outage continues from the last stored state.
    """


class TranscriptTrackerStore(SQLTrackerStore):
    def __init__(
        self, domain: Optional[Domain] = None, host: Optional[Text] = None, event_broker: Any = None, **kwargs: Any
    ) -> None:
        # the Rasa server makes its tracker store once: validate replies, read events cheaply
        action_results.install()
        event_types.install()
        url = make_url(database_url())
        upgrade(str(url))  # our tables; Rasa creates its own `events` table
        super().__init__(
            domain=domain,
            event_broker=event_broker,
            dialect=url.drivername,
            host=url.host,
            port=url.port,
            db=url.database,
            username=url.username,
            password=url.password,
        )
        if url.get_backend_name() == "sqlite":
            # Rasa's own SQLite engine opens and closes a connection per transaction (NullPool)
            # and waits 5 s for a lock: the events table gets the same engine settings as ours
            from sqlalchemy.orm import sessionmaker

            self.engine.dispose()
            self.engine = sqlite_engine(str(url), future=False)
            self.sessionmaker = sessionmaker(bind=self.engine)
        self._pending = pending_store()
        self._flushing: set = set()
        self._reuse: Dict[str, DialogueStateTracker] = {}

    # -- a tracker just read, handed to the handling of the same message -------------
    def reuse_once(self, tracker: DialogueStateTracker) -> None:
        """The next `retrieve` of this conversation returns `tracker` instead of reading it
        again. Only for a tracker read under the conversation's lock, by the holder of that
        lock (`bot.rasa_adapter.once`), which calls `forget_reuse` when it lets go."""
        self._reuse[tracker.sender_id] = tracker

    def forget_reuse(self, sender_id: Text) -> None:
        self._reuse.pop(sender_id, None)

    # -- pre-consent trackers live in memory ---------------------------------------
    def _from_pending(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        events = self._pending.get(sender_id)
        if events is None:
            return None
        return DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)

    async def retrieve(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        reused = self._reuse.pop(sender_id, None)
        if reused is not None:
            return reused
        try:
            return self._from_pending(sender_id) or await super().retrieve(sender_id)
        except Exception as exc:  # noqa: BLE001 - see StoreUnavailable
            raise _unavailable("retrieve", exc) from None

    async def retrieve_full_tracker(self, conversation_id: Text) -> Optional[DialogueStateTracker]:
        try:
            return self._from_pending(conversation_id) or await super().retrieve_full_tracker(conversation_id)
        except Exception as exc:  # noqa: BLE001
            raise _unavailable("retrieve", exc) from None

    async def _retrieve(self, sender_id: Text, fetch_events_from_all_sessions: bool) -> Optional[DialogueStateTracker]:
        """Rasa's `_retrieve` (the same query, the same order) reading only the events' `data`
        column: no ORM object per stored event, which was a third of the retrieval's cost."""
        with self.session_scope() as session:
            query = self._event_query(session, sender_id, fetch_events_from_all_sessions)
            events = [json.loads(data) for (data,) in query.with_entities(self.SQLEvent.data)]
        if self.domain and events:
            return DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
        return None

    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Iterator:
        if tracker.sender_id in self._flushing:
            # first save after consent: none of this session's events is in SQL yet
            return iter(tracker.events)
        return super()._additional_events(session, tracker)

    async def save(self, tracker: DialogueStateTracker) -> None:
        try:
            await self._save(tracker)
        except Exception as exc:  # noqa: BLE001
            raise _unavailable("save", exc) from None

    async def _save(self, tracker: DialogueStateTracker) -> None:
        sender = tracker.sender_id
        if tracker.get_slot(CONSENT_SLOT) != CONSENT_GIVEN:
            await self.stream_events(tracker)
            self._pending.put(sender, tracker.current_state(EventVerbosity.ALL)["events"])
            return
        if sender in self._pending:
            self._flushing.add(sender)
            try:
                await super().save(tracker)
            finally:
                self._flushing.discard(sender)
            # Only once it is in SQL: if that failed, the conversation so far stays pending
            # and the resend of the consent answer finds it.
            self._pending.pop(sender)
        else:
            await super().save(tracker)
        self.mirror(tracker)

    def mirror(self, tracker: DialogueStateTracker) -> None:
        """Store the turns after the last stored one: the new messages of this save, plus any
        that an earlier failed save left out. Only the events of those turns are serialised."""
        events = [EventView(e) for e in tracker.events]
        if not consented(events):
            return
        ref = conversation_ref(tracker.sender_id, events)
        try:
            added = store_new_turns(ref, lambda last: turn_records(events, after_seq=last))
            logger.debug("stored %d new turn(s) for conversation %s", added, ref.id)
        except Exception as exc:  # the next save fills the gap; never log message text
            # (no traceback: SQLAlchemy's error text contains the statement's parameters)
            logger.error("could not store turns for conversation %s: %s", ref.id, type(exc).__name__)


# -- no message text in Rasa's own logs ---------------------------------------------
# Rasa 3.6 logs the user's text with some errors (e.g. rest.message.received.failure).
# Rasa imports this module when it loads the tracker store, after configuring structlog,
# so a first processor here blanks those fields in every Rasa process that uses Overstap's
# store (Rasa Pro's anonymisation plugin is not available in Rasa Open Source).
_REDACTED_KEYS = frozenset(
    {
        "text",
        "response_text",
        "user_text",
        "slot_values",
        "parse_data_text",
        "parse_data_entities",
        "prediction_events",
        "tracker_latest_message",
        "prefilled_slots",
        "message",
        "response",
        "slot_candidates",
        "rasa_event",
        "rasa_events",
        "tracker_states",
        "current_states",
        "old_states",
        "successes",
        "current_entity",
        "next_entity",
        "states",
        "entity",
        "token_text",
        "user_message",
        "json_message",
        "tracker",
        "events",
        "parse_data",
        "user_uttered",
        "utterance",
    }
)


def _redact(_logger: Any, _name: str, event_dict: Dict[str, Any]) -> Dict[str, Any]:
    for key in _REDACTED_KEYS.intersection(event_dict):
        event_dict[key] = "[redacted]"
    return event_dict


def install_log_redaction() -> None:
    import structlog

    config = structlog.get_config()
    processors = list(config.get("processors") or [])
    if _redact not in processors:
        structlog.configure(processors=[_redact] + processors)


try:  # pragma: no cover - defensive: logging must never stop the store from loading
    install_log_redaction()
except Exception:  # noqa: BLE001
    logger.warning("could not install log redaction")
