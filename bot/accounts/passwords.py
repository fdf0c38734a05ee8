"""Changing a password: by the account itself (knowing the current one) or through a reset
link an admin issued (single use, expiring, only its hash stored). Either way every browser
session of the account ends: whoever was logged in with the old password is logged out."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Optional, Tuple

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from bot.accounts import security
from bot.accounts.accounts import AccountError
from bot.db.models import PasswordReset, Professional, WebSession, utcnow

RESET_LIFETIME = dt.timedelta(hours=24)


class ResetStatus(enum.Enum):
    VALID = "valid"
    USED = "used"
    EXPIRED = "expired"
    UNKNOWN = "unknown"


def check_new_password(new: str, repeat: str) -> None:
    if len(new or "") < security.MIN_PASSWORD_LENGTH:
        raise AccountError(f"Het nieuwe wachtwoord moet minstens {security.MIN_PASSWORD_LENGTH} tekens lang zijn.")
    if len(new) > 1024:
        raise AccountError("Het nieuwe wachtwoord is te lang (hoogstens 1024 tekens).")
    if new != repeat:
        raise AccountError("De twee nieuwe wachtwoorden zijn niet gelijk. Typ ze opnieuw.")


def _set_password(session: Session, account: Professional, new: str) -> None:
    account.password_hash = security.hash_password(new)
    session.execute(delete(WebSession).where(WebSession.professional_id == account.id))
    now = utcnow()  # outstanding reset links are of no use any more
    session.execute(
        update(PasswordReset)
        .where(PasswordReset.professional_id == account.id, PasswordReset.used_at.is_(None))
        .values(used_at=now)
    )


def change_password(session: Session, account: Professional, current: str, new: str, repeat: str) -> None:
    """The account's own change; raises AccountError (Dutch) when something is wrong."""
    if not security.verify_password(account.password_hash, current or ""):
        raise AccountError("Uw huidige wachtwoord klopt niet.")
    check_new_password(new, repeat)
    if security.verify_password(account.password_hash, new):
        raise AccountError("Kies een ander wachtwoord dan uw huidige.")
    _set_password(session, account, new)


def issue_reset(
    session: Session, account: Professional, admin: Professional, now: Optional[dt.datetime] = None
) -> Tuple[PasswordReset, str]:
    """A new reset link for `account`; earlier unused links of the account stop working.
    Returns the record and the token (shown once to the admin, stored hashed)."""
    now = now or utcnow()
    session.execute(
        update(PasswordReset)
        .where(PasswordReset.professional_id == account.id, PasswordReset.used_at.is_(None))
        .values(used_at=now)
    )
    token = security.new_token()
    reset = PasswordReset(
        professional_id=account.id,
        token_hash=security.digest(token),
        created_at=now,
        created_by=admin.id,
        expires_at=now + RESET_LIFETIME,
    )
    session.add(reset)
    session.flush()
    return reset, token


def resolve_reset(
    session: Session, token: str, now: Optional[dt.datetime] = None
) -> Tuple[ResetStatus, Optional[PasswordReset]]:
    if not token or len(token) > 100:
        return ResetStatus.UNKNOWN, None
    reset = session.scalar(select(PasswordReset).where(PasswordReset.token_hash == security.digest(token)))
    if reset is None:
        return ResetStatus.UNKNOWN, None
    if reset.used_at is not None:
        return ResetStatus.USED, reset
    account = session.get(Professional, reset.professional_id)
    if reset.expires_at < (now or utcnow()) or account is None or not account.active:
        return ResetStatus.EXPIRED, reset
    return ResetStatus.VALID, reset


def use_reset(session: Session, token: str, new: str, repeat: str) -> Professional:
    """Set the new password through a valid link; the link is used up. Raises AccountError."""
    status, reset = resolve_reset(session, token)
    if status is not ResetStatus.VALID:
        raise AccountError(RESET_PROBLEMS[status])
    check_new_password(new, repeat)
    account = session.get(Professional, reset.professional_id)
    _set_password(session, account, new)
    reset.used_at = utcnow()
    return account


RESET_PROBLEMS = {
    ResetStatus.USED: "Deze link is al gebruikt. Vraag de beheerder om een nieuwe link.",
    ResetStatus.EXPIRED: "Deze link is verlopen. Vraag de beheerder om een nieuwe link.",
    ResetStatus.UNKNOWN: "Deze link werkt niet. Controleer de link of vraag de beheerder om een nieuwe.",
}
