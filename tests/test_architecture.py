"""The core never imports Qt or the window (STYLE.md: the shape of the house)."""

import ast
import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parent.parent / "cswork"
FORBIDDEN = ("PySide6", "shiboken6", "ui")


def test_no_module_under_cswork_imports_qt_or_ui():
    offenders = []
    for path in CORE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in FORBIDDEN]
    assert offenders == []


def test_the_command_line_runs_without_loading_qt():
    code = (
        "import sys, main; from cswork.cli import build_parser; "
        "from ui.shell.commands import WINDOW_VERBS; build_parser(WINDOW_VERBS); "
        "print('PySide6' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=CORE.parent, check=True
    )
    assert result.stdout.strip() == "False"


def test_the_main_window_opens_without_loading_the_chart_library():
    # pyqtgraph and numpy take half a second to import: the Renewals page loads them
    # when it is first shown, not at start-up.
    code = (
        "import sys, ui.shell.main_window; "
        "print('pyqtgraph' in sys.modules, 'numpy' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=CORE.parent
    )
    assert out.stdout.split() == ["False", "False"]
