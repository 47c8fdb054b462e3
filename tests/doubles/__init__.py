"""Local doubles of outside services (the POS vendors' APIs, Twilio), following their published APIs, for tests only."""
