"""Messages the assistant sends on its own initiative (payment links, staff alerts), outside a conversation's replies."""
