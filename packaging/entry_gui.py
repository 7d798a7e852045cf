"""Frozen entry point of the bundled desktop app (``portfolio-gui``)."""

import sys

from portfolio.ui.launcher import run

if __name__ == "__main__":
    sys.exit(run(sys.argv))
