"""Runs every process of the assistant on one machine for `make run` and the end-to-end tests."""
