"""Helper programs that UI tests run in a subprocess."""
