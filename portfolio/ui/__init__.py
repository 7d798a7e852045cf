"""All Qt code: the desktop app."""
