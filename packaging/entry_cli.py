"""Frozen entry point of the bundled command line (``portfolio``)."""

import sys

from portfolio.cli import main

if __name__ == "__main__":
    sys.exit(main())
