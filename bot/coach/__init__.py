"""The client coach (flow 1), pure Python: the MI engine (`engine`), stage assessment,
reflections, rulers, the conversation phases, the wording (coach.yml) and the records the
professional reads (`records`). No Rasa imports; `actions/` and `bot.rasa_adapter` adapt it."""
