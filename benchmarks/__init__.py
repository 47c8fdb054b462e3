"""Scripts that measure speed and memory and print figures; the README quotes them with their commands."""
