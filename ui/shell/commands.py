"""The command-line verbs that need the window toolkit, and opening the window.

Importing this module loads no Qt, so command-line verbs stay quick."""

from __future__ import annotations

import argparse
from pathlib import Path

from cswork.cli import WindowCommand
from ui.renewals.commands import DESK_COMMANDS


def open_window(args: argparse.Namespace) -> int:
    from ui.shell.app import run

    return run(args)


def _configure_screens(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("screens"),
        metavar="DIR",
        help="folder for the PNG files (default: ./screens)",
    )
    parser.add_argument(
        "--accounts",
        type=int,
        default=2000,
        metavar="N",
        help="size of the demo book built when --db is not given (default 2000)",
    )


def _run_screens(args: argparse.Namespace) -> int:
    from ui.screens.render import render_screens

    for path in render_screens(args.out, db=args.db, accounts=args.accounts):
        print(path)
    return 0


WINDOW_COMMANDS = {
    "screens": WindowCommand(
        help="render each main screen to a PNG file, offscreen (no display needed)",
        configure=_configure_screens,
        run=_run_screens,
    ),
}
WINDOW_COMMANDS |= DESK_COMMANDS  # review, brief
