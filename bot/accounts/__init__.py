"""Accounts of the workspace and practice mode: log-in, sessions, roles, password and token
security, and the audit log. Shared by the workspace and practice flows.

Pure services over the database; the web routes and the CLI call these. No function here
logs message text.
"""
