"""Opens the Portfolio desktop app: ``python main.py [FILE]`` (a demo portfolio if no FILE)."""

import sys

from portfolio.ui.platform_check import platform_problem

if __name__ == "__main__":
    problem = platform_problem()
    if problem:
        sys.stderr.write(problem + "\n")
        sys.exit(1)
    from portfolio.ui.app import main

    sys.exit(main(sys.argv))
