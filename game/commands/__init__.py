"""One module per `shove` subcommand, each exposing ``run(args) -> int``."""
