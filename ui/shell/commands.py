"""Opening the window, and the command-line verbs that need the window toolkit.

Importing this module loads no Qt, so command-line verbs stay quick."""

from __future__ import annotations

import argparse

from cswork.cli.common import Verb
from ui.brief import commands as brief_commands
from ui.renewals import commands as renewals_commands
from ui.screens import commands as screens_commands


def open_window(args: argparse.Namespace) -> int:
    from ui.shell.app import run

    return run(args)


WINDOW_VERBS: tuple[Verb, ...] = (
    *screens_commands.VERBS,
    *renewals_commands.VERBS,
    *brief_commands.VERBS,
)
