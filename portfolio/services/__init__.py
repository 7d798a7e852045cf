"""The use-case API that both the CLI and the GUI call; the only layer that opens sessions."""
