"""The rasa-sdk action server: thin actions that read the tracker and call the plain modules."""
