"""Fixes for running the stack Rasa 3.6 pins (Sanic 21.12) on Python 3.11; each says what it fixes and when it can go."""
