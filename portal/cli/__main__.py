"""``python -m portal.cli``."""

from portal.cli import main

main()
