"""Understanding a message: every text classifier (input guard, stage, talk type, crisis,
MITI codes - the heads through one trainer, `text_head`), the data they learn from and their
held-out evaluation.

No Rasa imports: `bot.rasa_adapter.components` wraps these for the NLU pipeline."""
