"""Times are stored in UTC and shown in Dutch local time (winter and summer time)."""

import datetime as dt

from bot.core.clock import dutch, local
from bot.web.pages import _fmt_date


def test_a_chat_at_0550_dutch_time_shows_0550():
    winter = dt.datetime(2026, 12, 2, 4, 50)  # stored UTC (naive)
    summer = dt.datetime(2026, 7, 1, 3, 50)
    assert _fmt_date(winter) == "02-12-2026 05:50"
    assert _fmt_date(summer) == "01-07-2026 05:50"
    assert local(winter).utcoffset() == dt.timedelta(hours=1)
    assert dutch(winter) == "2 december 2026 om 05:50"


def test_dates_without_a_time_stay_as_they_are():
    assert _fmt_date(dt.date(2026, 12, 2)) == "02-12-2026"
