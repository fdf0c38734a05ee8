"""Web chat front end for Overstap: a small FastAPI app that serves the chat page and
forwards client messages to the Rasa REST channel. See `bot.web.app.create_app`."""
