"""`python -m extract` is the `extract` command."""

from .cli import main

main()
