"""The `screens` verb: every main screen rendered to PNG, offscreen.

Importing this module loads no Qt, so command-line verbs stay quick."""

from __future__ import annotations

import argparse
from pathlib import Path

from cswork.cli.common import Verb


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


VERBS = (
    Verb(
        "screens",
        "render each main screen to a PNG file, offscreen (no display needed)",
        _configure_screens,
        _run_screens,
    ),
)
