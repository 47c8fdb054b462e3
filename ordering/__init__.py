"""The order conversation's plain logic: contact details, pickup or delivery, times, and the finished ticket."""
