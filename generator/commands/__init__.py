"""One module per `fuhua` subcommand: HELP text lives in cli.COMMANDS; each defines add_arguments and run."""
