"""The only modules that import Rasa: NLU components, the tracker store (and its pending
store), Rasa events -> turns, agent loading, model building and the action server."""
