"""The only modules that import Rasa: NLU components, the tracker store (and its pending
store), the REST channel that handles each message id once, Rasa events -> turns, agent
loading, model building and the action server."""
