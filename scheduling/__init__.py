"""Times read in the business's timezone and checked against its opening hours."""
