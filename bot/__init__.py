"""Overstap: a Dutch motivational-interviewing coach.

One folder per part: `core` (stages, settings, wording files), `understanding` (every text
classifier), `coach` (the MI engine, no Rasa imports), `rasa_adapter` (the only Rasa
importers), `accounts`, `workspace` (the professional's side), `practice` (students),
`db` (tables, migrations), `web` (one FastAPI app), `run` (processes); `cli` and
`prod_app` are the entry points.
"""
