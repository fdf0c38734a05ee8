"""Rasa custom actions: thin adapters from rasa_sdk to the domain modules in bot/."""
