"""The conversation's language: detecting it, keeping it, and speaking it (English, Spanish, Chinese)."""

SUPPORTED = ("en", "es", "zh")
BASE = "en"
