"""Understanding a message: every text classifier (input guard, crisis, talk type via
textcat, MITI codes), the data they learn from and their held-out evaluation.

No Rasa imports: `bot.rasa_adapter.components` wraps these for the NLU pipeline."""
