"""What the server-side SVG charts share (the client's stage trajectory in the workspace,
a practice session's timeline): a safe element id, and the accessible opening of the
document (`role="img"`, labelled by its `<title>` and `<desc>`). Every text is XML-escaped."""

from __future__ import annotations

import re
from typing import List
from xml.sax.saxutils import escape


def element_id(prefix: str, default: str) -> str:
    """An id prefix that is safe inside an attribute (several charts can share a page)."""
    return re.sub(r"[^A-Za-z0-9_-]", "", prefix) or default


def svg_open(width: int, height: int, pid: str, title: str, font_size: int) -> List[str]:
    """The `<svg>` start tag and its `<title>`; the caller adds `<desc id="{pid}-desc">`."""
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-labelledby="{pid}-title {pid}-desc" '
        f'font-family="sans-serif" font-size="{font_size}">',
        f'<title id="{pid}-title">{escape(title)}</title>',
    ]
