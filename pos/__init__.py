"""The POS-neutral ticket, the transactional outbox that delivers it, and one adapter per POS."""
