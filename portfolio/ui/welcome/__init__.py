"""Start-up: the welcome page and the new-portfolio wizard."""
