"""Plain, tested logic for each trade's requests: reading the caller's words and building the ticket.

One module per trade; the thin form actions in `actions/` call these.
"""
