"""Safety: crisis signals in a client's message, and the answer to the safety question.

Layered evidence (docs/labelling.md, section 1):
* `lexicon`    - Dutch patterns per category of suicide-prevention practice, on a canonical
                 spelling (`normalize`) with negation and object scope;
* `classifier` - a trained classifier for what no pattern lists;
* `detector`   - combines both into one `Signal` with a level (acute / possible / weak);
* `answers`    - what a reply to the safety question means (yes ... no, another topic).
The conversation-level part (two weak signals, the check as a state, crisis support) is in
bot.coach.safety_flow. No Rasa imports here.
"""

from bot.understanding.safety.answers import ANSWERS, SUPPORT_ANSWERS, classify_answer
from bot.understanding.safety.detector import Detector, Signal, Thresholds
from bot.understanding.safety.lexicon import CATEGORIES

__all__ = ["ANSWERS", "CATEGORIES", "SUPPORT_ANSWERS", "Detector", "Signal", "Thresholds", "classify_answer"]
