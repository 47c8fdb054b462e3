"""Words that must never reach a booking: medical emergencies go to 911 and to staff at once."""

from safety.emergency import is_medical_emergency

__all__ = ["is_medical_emergency"]
