"""One module per command: ``add_parser(subparsers)`` and a ``run(args) -> exit code``."""
