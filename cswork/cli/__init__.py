"""The command line: a second thin face on the same core as the window.

``python main.py`` with no command opens the window; ``python main.py <command>`` runs
one verb and exits. Every verb takes ``--db PATH_OR_URL`` (default: the user's book).
Errors print one line to stderr and exit non-zero; ``--debug`` shows the traceback.
Each module here holds one family of verbs; the window's verbs are handed in by main.py.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from cswork.cli import (
    accounts,
    alerts,
    comp,
    demo,
    desk,
    files,
    importing,
    people,
    renewals,
    timeline,
)
from cswork.cli.common import CliError, Verb, shared_options
from cswork.store import BookError

# In the order --help lists them.
CORE_VERBS: tuple[Verb, ...] = (
    *demo.VERBS,
    *renewals.VERBS,
    *importing.VERBS,
    *alerts.VERBS,
    *accounts.VERBS,
    *people.VERBS,
    *timeline.VERBS,
    *desk.VERBS,
    *comp.VERBS,
    *files.VERBS,
)


def build_parser(extra_verbs: Sequence[Verb] = ()) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cswork",
        description="CSM workbench: your book of business. Without a command, opens the window.",
    )
    shared_options(parser)
    parser.add_argument(
        "--demo", action="store_true", help="open the window on the demo book (built on first use)"
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for verb in (*CORE_VERBS, *extra_verbs):
        sub = subparsers.add_parser(verb.name, help=verb.help)
        shared_options(sub)
        verb.configure(sub)
        sub.set_defaults(run=verb.run)
    return parser


def main(
    argv: list[str] | None = None,
    *,
    open_window: Callable[[argparse.Namespace], int] | None = None,
    extra_verbs: Sequence[Verb] = (),
) -> int:
    args = build_parser(extra_verbs).parse_args(argv)
    try:
        if args.command is None:
            if open_window is None:
                raise CliError("no command given (see --help)")
            return open_window(args)
        return args.run(args)
    except (CliError, BookError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `... | head`: the reader has gone; not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # one line, never a traceback in the user's face
        if getattr(args, "debug", False):
            raise
        print(
            f"error: {type(exc).__name__}: {exc} (run again with --debug for details)",
            file=sys.stderr,
        )
        return 1
