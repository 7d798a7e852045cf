"""Opens the Portfolio desktop app: ``python main.py [FILE]`` (a demo portfolio if no FILE)."""

import sys

from portfolio.ui.launcher import run

if __name__ == "__main__":
    sys.exit(run(sys.argv))
