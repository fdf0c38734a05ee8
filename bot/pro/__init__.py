"""The professional's side: accounts, clients and their invitations, audit log, data rights.

Pure services over the database; the web routes (`bot/web/pro_routes.py`) and the CLI
call these. No function here logs message text.
"""
