"""Time as the Dutch user reads it. Everything is stored in UTC (naive datetimes, see
bot.db.models.utcnow) and shown in Europe/Amsterdam."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def local(moment: dt.datetime) -> dt.datetime:
    """A stored UTC time (naive or aware) in Dutch local time."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone(AMSTERDAM)


def dutch(moment: dt.datetime) -> str:
    """ "2 december 2026 om 07:15" in Dutch local time."""
    months = ("januari februari maart april mei juni juli augustus september oktober november december").split()
    t = local(moment)
    return f"{t.day} {months[t.month - 1]} {t.year} om {t:%H:%M}"


def utc_start_of(day: dt.date) -> dt.datetime:
    """The stored (naive UTC) moment at which this Dutch calendar day begins."""
    start = dt.datetime.combine(day, dt.time(0), tzinfo=AMSTERDAM)
    return start.astimezone(dt.timezone.utc).replace(tzinfo=None)
