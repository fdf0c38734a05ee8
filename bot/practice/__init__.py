"""Practice mode for students: Overstap plays a scripted client persona.

Kept import-light on purpose: the MITI coder (a head of the shared trainer,
bot.understanding.miti) and the engine load only when used.

Public API for the web app lives in `bot.practice.service`:
`start_session`, `student_turn`, `report`, `finish`, `sessions_for_student`,
`transcript`, `delete_session`, `list_personas`.
"""
