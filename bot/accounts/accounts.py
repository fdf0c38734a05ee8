"""Accounts of the workspace, log-in with rate limiting, and browser sessions."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import List, Optional, Tuple

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from bot.accounts import security
from bot.db.models import LoginAttempt, Professional, WebSession, utcnow

ROLES = ("professional", "admin", "teacher", "student")
ROLE_LABELS = {"professional": "professional", "admin": "beheerder", "teacher": "docent", "student": "student"}
SESSION_LIFETIME = dt.timedelta(hours=8)
# Log-in rate limit: failed attempts per window, per e-mail address and (looser, since an
# office shares one address) per IP address.
MAX_FAILED_ATTEMPTS = 5
MAX_FAILED_PER_IP = 30
ATTEMPT_WINDOW = dt.timedelta(minutes=15)

EMAIL_PATTERN = re.compile(r"[^@\s]{1,64}@[^@\s]{1,190}\.[^@\s]{2,}")


class AccountError(ValueError):
    """A Dutch message for the person filling in the form."""


@dataclass
class LoginResult:
    professional: Optional[Professional]
    session_token: Optional[str] = None
    rate_limited: bool = False


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def create_professional(
    session: Session, email: str, name: str, password: str, role: str = "professional", teacher_id: Optional[int] = None
) -> Professional:
    email = normalise_email(email)
    name = (name or "").strip()
    if not EMAIL_PATTERN.fullmatch(email):
        raise AccountError("Vul een geldig e-mailadres in.")
    if not name or len(name) > 120:
        raise AccountError("Vul een naam in (hoogstens 120 tekens).")
    if role not in ROLES:
        raise AccountError("Kies een geldige rol.")
    if len(password or "") < security.MIN_PASSWORD_LENGTH:
        raise AccountError(f"Het wachtwoord moet minstens {security.MIN_PASSWORD_LENGTH} tekens lang zijn.")
    if session.scalar(select(Professional).where(Professional.email == email)) is not None:
        raise AccountError("Er bestaat al een account met dit e-mailadres.")
    if teacher_id is not None:
        teacher = session.get(Professional, teacher_id)
        if role != "student" or teacher is None or teacher.role != "teacher":
            raise AccountError("Alleen een student kan een docent hebben; kies een bestaande docent.")
    account = Professional(
        email=email, name=name, password_hash=security.hash_password(password), role=role, teacher_id=teacher_id
    )
    session.add(account)
    session.flush()
    return account


def set_active(session: Session, account_id: int, active: bool) -> Optional[Professional]:
    account = session.get(Professional, account_id)
    if account is None:
        return None
    account.active = active
    if not active:  # log the account out everywhere
        session.execute(delete(WebSession).where(WebSession.professional_id == account.id))
    return account


def all_accounts(session: Session) -> List[Professional]:
    return list(session.scalars(select(Professional).order_by(Professional.email)))


def _attempt_keys(email: str, ip: str) -> Tuple[str, str]:
    return security.digest("email:" + email), security.digest("ip:" + (ip or "?"))


def _rate_limited(session: Session, keys: Tuple[str, str], now: dt.datetime) -> bool:
    since = now - ATTEMPT_WINDOW
    for key, limit in zip(keys, (MAX_FAILED_ATTEMPTS, MAX_FAILED_PER_IP)):
        count = session.scalar(
            select(func.count())
            .select_from(LoginAttempt)
            .where(LoginAttempt.email_hash == key, LoginAttempt.at >= since)
        )
        if count >= limit:
            return True
    return False


def log_in(session: Session, email: str, password: str, ip: str, now: Optional[dt.datetime] = None) -> LoginResult:
    """Check the credentials; on success create a browser session and return its token."""
    now = now or utcnow()
    email = normalise_email(email)
    keys = _attempt_keys(email, ip)
    if _rate_limited(session, keys, now):
        return LoginResult(None, rate_limited=True)
    account = session.scalar(select(Professional).where(Professional.email == email))
    ok = security.verify_password(account.password_hash if account else security.DUMMY_HASH, password or "")
    if not (ok and account is not None and account.active):
        for key in keys:
            session.add(LoginAttempt(email_hash=key, at=now))
        session.execute(delete(LoginAttempt).where(LoginAttempt.at < now - ATTEMPT_WINDOW))
        return LoginResult(None)
    if security.needs_rehash(account.password_hash):
        account.password_hash = security.hash_password(password)
    session.execute(delete(LoginAttempt).where(LoginAttempt.email_hash == keys[0]))
    token = security.new_token()
    session.add(
        WebSession(
            id=security.digest(token),
            professional_id=account.id,
            csrf_token=security.new_token(),
            created_at=now,
            expires_at=now + SESSION_LIFETIME,
        )
    )
    session.execute(delete(WebSession).where(WebSession.expires_at < now))
    return LoginResult(account, session_token=token)


def session_for(
    session: Session, token: Optional[str], now: Optional[dt.datetime] = None
) -> Optional[Tuple[WebSession, Professional]]:
    """The live browser session and its active account for a cookie value, or None."""
    if not token or len(token) > 200:
        return None
    web_session = session.get(WebSession, security.digest(token))
    if web_session is None or web_session.expires_at < (now or utcnow()):
        return None
    account = session.get(Professional, web_session.professional_id)
    if account is None or not account.active:
        return None
    return web_session, account


def log_out(session: Session, token: Optional[str]) -> None:
    if token:
        session.execute(delete(WebSession).where(WebSession.id == security.digest(token)))


def teachers(session: Session) -> List[Professional]:
    return list(
        session.scalars(
            select(Professional).where(Professional.role == "teacher", Professional.active).order_by(Professional.name)
        )
    )


def students_of(session: Session, teacher: Professional) -> List[Professional]:
    return list(
        session.scalars(select(Professional).where(Professional.teacher_id == teacher.id).order_by(Professional.name))
    )
