"""The staff-facing web app: live ticket boards for kitchens and a web chat page for customers."""
