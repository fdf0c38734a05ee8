"""Overstap: a Dutch motivational-interviewing coach.

Domain modules in this package (stages, assessment, reflection, coach, tpb, ...) hold the
knowledge and carry no Rasa imports; `bot.rasa_*` modules and `actions/` adapt them to Rasa.
"""
