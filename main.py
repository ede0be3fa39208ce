"""Open the Salesplay window on the bundled scenarios (same as `salesplay play scenarios`)."""

import sys

from game.cli import main

if __name__ == "__main__":
    sys.exit(main(["play", *sys.argv[1:]] if len(sys.argv) > 1 else ["play", "scenarios"]))
