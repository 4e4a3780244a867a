"""CSM workbench: ``python main.py`` opens the window; ``python main.py <command>`` runs
a command-line verb on the same core (see ``--help``)."""

import sys


def main(argv: list[str] | None = None) -> int:
    from cswork.cli import main as cli_main
    from ui.shell.commands import WINDOW_VERBS, open_window

    return cli_main(argv, open_window=open_window, extra_verbs=WINDOW_VERBS)


if __name__ == "__main__":
    sys.exit(main())
