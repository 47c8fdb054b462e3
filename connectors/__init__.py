"""Custom Rasa input channels. Each finds the business from what the message was sent to."""
