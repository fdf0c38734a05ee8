"""Practice mode in the workspace: a student chooses a persona, practises MI with it and
reads the feedback report; a teacher sees the reports of their own students.

Pages work without JavaScript (plain forms, server-rendered). Access: a session belongs to
the student who started it; their teacher may read its report; anyone else gets 404.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from bot.accounts import accounts
from bot.db.models import PracticeSession, Professional
from bot.practice import class_overview, service
from bot.understanding.miti_codes import dutch_label
from bot.web.pages import NOT_FOUND, PREFIX, PageError, Pages

MAX_UTTERANCE = 1000
EMPTY_UTTERANCE = "Typ eerst wat je tegen de cliënt wilt zeggen."
TOO_LONG = f"Dat is te lang voor één beurt (hoogstens {MAX_UTTERANCE} tekens). Maak het korter."
UNKNOWN_PERSONA = "Kies een cliënt uit de lijst."


def student_account(session, student_id: str) -> Optional[Professional]:
    if not student_id.startswith("acc-") or not student_id[4:].isdigit():
        return None
    return session.get(Professional, int(student_id[4:]))


def build_practice_routes(router: APIRouter, pages: Pages) -> None:
    def find(session, session_id: str) -> PracticeSession:
        row = session.get(PracticeSession, session_id) if len(session_id) <= 36 else None
        if row is None:
            raise PageError(404, NOT_FOUND)
        return row

    def own_session(session, user: Professional, session_id: str) -> PracticeSession:
        row = find(session, session_id)
        if row.student_id != user.practice_id:
            raise PageError(404, NOT_FOUND)
        return row

    def readable_session(session, user: Professional, session_id: str) -> PracticeSession:
        """The student's own session, or one of a student whose teacher `user` is."""
        row = find(session, session_id)
        if row.student_id == user.practice_id:
            return row
        student = student_account(session, row.student_id)
        if student is None or student.teacher_id != user.id or user.role != "teacher":
            raise PageError(404, NOT_FOUND)
        return row

    def session_page(
        session,
        request,
        user,
        web_session,
        row: PracticeSession,
        status: int = 200,
        error: Optional[str] = None,
        draft: str = "",
    ) -> HTMLResponse:
        persona = next((p for p in service.list_personas() if p["id"] == row.persona_id), None)
        turns = service.transcript(session, row.id)
        return pages.page(
            session,
            request,
            user,
            web_session,
            "pro/practice_session.html",
            status,
            row=row,
            persona=persona,
            turns=turns,
            error=error,
            draft=draft,
            code_label=dutch_label,
            max_chars=MAX_UTTERANCE,
        )

    @router.get("/practice")
    def practice_home(request: Request) -> HTMLResponse:
        with pages.opened(request) as (session, web_session, user):
            return pages.page(
                session,
                request,
                user,
                web_session,
                "pro/practice_home.html",
                personas=service.list_personas(),
                sessions=list(reversed(service.sessions_for_student(session, user.practice_id))),
                decimal=class_overview.decimal,
                dutch_moment=class_overview.dutch_moment,
            )

    @router.post("/practice/start")
    def practice_start(request: Request, persona_id: str = Form(""), csrf_token: str = Form("")) -> Response:
        with pages.opened(request, csrf_token) as (session, web_session, user):
            try:
                started = service.start_session(session, user.practice_id, persona_id)
            except (KeyError, ValueError):
                raise PageError(422, UNKNOWN_PERSONA) from None
            return RedirectResponse(f"{PREFIX}/practice/{started['session_id']}", status_code=303)

    @router.get("/practice/{session_id}")
    def practice_session(request: Request, session_id: str) -> HTMLResponse:
        with pages.opened(request) as (session, web_session, user):
            row = own_session(session, user, session_id)
            return session_page(session, request, user, web_session, row)

    @router.post("/practice/{session_id}/turn")
    def practice_turn(request: Request, session_id: str, text: str = Form(""), csrf_token: str = Form("")) -> Response:
        with pages.opened(request, csrf_token) as (session, web_session, user):
            row = own_session(session, user, session_id)
            if not text.strip():
                return session_page(session, request, user, web_session, row, 422, EMPTY_UTTERANCE)
            if len(text) > MAX_UTTERANCE:
                return session_page(session, request, user, web_session, row, 422, TOO_LONG, draft=text[:5000])
            if row.ended_at is not None:
                return RedirectResponse(f"{PREFIX}/practice/{row.id}/report", status_code=303)
            service.student_turn(session, row.id, text)
            return RedirectResponse(f"{PREFIX}/practice/{row.id}#laatste", status_code=303)

    @router.get("/practice/{session_id}/finish")
    def practice_finish_confirm(request: Request, session_id: str) -> Response:
        """Ask before ending: a finished session cannot be continued."""
        with pages.opened(request) as (session, web_session, user):
            row = own_session(session, user, session_id)
            if row.ended_at is not None:
                return RedirectResponse(f"{PREFIX}/practice/{row.id}/report", status_code=303)
            persona = next((p for p in service.list_personas() if p["id"] == row.persona_id), None)
            return pages.page(session, request, user, web_session, "pro/practice_finish.html", row=row, persona=persona)

    @router.post("/practice/{session_id}/finish")
    def practice_finish(request: Request, session_id: str, csrf_token: str = Form("")) -> Response:
        with pages.opened(request, csrf_token) as (session, web_session, user):
            row = own_session(session, user, session_id)
            service.finish(session, row.id)
            return RedirectResponse(f"{PREFIX}/practice/{row.id}/report", status_code=303)

    @router.get("/practice/{session_id}/report")
    def practice_report(request: Request, session_id: str) -> HTMLResponse:
        with pages.opened(request) as (session, web_session, user):
            row = readable_session(session, user, session_id)
            report = service.report(session, row.id)
            student = student_account(session, row.student_id)
            return pages.page(
                session,
                request,
                user,
                web_session,
                "pro/practice_report.html",
                row=row,
                report=report,
                student=student,
                own=row.student_id == user.practice_id,
                code_label=dutch_label,
                decimal=class_overview.decimal,
            )

    def class_of(session, user: Professional):
        if user.role != "teacher":
            raise PageError(404, NOT_FOUND)
        return [(s, service.sessions_for_student(session, s.practice_id)) for s in accounts.students_of(session, user)]

    @router.get("/teacher")
    def teacher_home(request: Request) -> HTMLResponse:
        with pages.opened(request) as (session, web_session, user):
            students = class_of(session, user)
            return pages.page(
                session,
                request,
                user,
                web_session,
                "pro/teacher.html",
                students=students,
                overview=class_overview.overview(students),
                progress=progress_rows,
                decimal=class_overview.decimal,
                dutch_day=class_overview.dutch_day,
            )

    @router.get("/teacher/export.csv")
    def teacher_export(request: Request) -> Response:
        with pages.opened(request) as (session, _, user):
            body = class_overview.csv_text(class_of(session, user))
        return Response(
            body,
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="oefensessies.csv"', "Cache-Control": "no-store"},
        )


def progress_rows(sessions: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """Finished sessions, oldest first, with the figures a teacher compares over time."""
    return [s for s in sessions if s.get("finished") and s.get("metrics")]
