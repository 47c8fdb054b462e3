"""Times read in the business's timezone and checked against its opening hours; what bookable trades can still offer."""

from scheduling.calendar import Calendar, Offer
from scheduling.reservations import Hold, SlotTaken, minute_unit, night_unit, reserve, taken_seats

__all__ = ["Calendar", "Hold", "Offer", "SlotTaken", "minute_unit", "night_unit", "reserve", "taken_seats"]
