"""The shape of the code, as docs/architecture.md draws it: the core never imports the
window; the window's packages import only what the table below allows; no module takes
part in an import circle."""

import ast
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

from tests.conftest import REPO

CORE, WINDOW = REPO / "cswork", REPO / "ui"

# Who may import whom under ui/. A feature package uses the kit and the core; where one
# feature shows another's piece (a Customer360 lists the account's CTAs with the task
# pane's actions; two pages open the call-prep brief), the table names that one module,
# never the whole package. The shell builds the window from every feature; screens
# renders them all.
FEATURES = ["book", "brief", "comp", "ctas", "customer360", "importing", "raci", "renewals",
            "settings"]  # fmt: skip
ALLOWED: dict[str, set[str]] = {
    "kit": set(),
    **{feature: {"ui.kit"} for feature in FEATURES},
    "customer360": {"ui.kit", "ui.ctas.actions", "ui.brief.view"},
    "renewals": {"ui.kit", "ui.brief.view"},
    # the shell also registers the verb that renders the screens
    "shell": {"ui.kit", *(f"ui.{feature}" for feature in FEATURES), "ui.screens.commands"},
    "screens": {"ui"},
}


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, modules: set[str] = frozenset()) -> set[str]:
    """Every module a file imports, wherever the import statement stands (inside a
    function or an ``if TYPE_CHECKING`` block counts: a circle is a circle).
    ``from a.b import c`` imports the module a.b.c when ``modules`` has one, else a.b."""
    found = set()
    package = module_name(path).rpartition(".")[0] if path.name != "__init__.py" else ""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: resolve against this file's package
                base = ".".join(
                    [*package.split(".")[: len(package.split(".")) - node.level + 1], base]
                )
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base)
    return found


def our_modules() -> dict[str, set[str]]:
    """Each of our modules and the modules of ours it imports."""
    files = {module_name(p): p for root in (CORE, WINDOW) for p in root.rglob("*.py")}
    return {
        name: {i for i in imports_of(path, set(files)) if i in files and i != name}
        for name, path in files.items()
    }


def test_no_module_under_cswork_imports_qt_or_ui():
    offenders = [
        f"{module_name(path)} imports {name}"
        for path in CORE.rglob("*.py")
        for name in imports_of(path)
        if name.split(".")[0] in ("PySide6", "shiboken6", "ui")
    ]
    assert offenders == []


def test_every_window_module_sits_in_a_package_the_table_knows():
    loose = [p.name for p in WINDOW.glob("*.py") if p.name != "__init__.py"]
    packages = {p.name for p in WINDOW.iterdir() if (p / "__init__.py").is_file()}
    assert loose == []
    assert packages == set(ALLOWED)


def test_window_packages_import_only_what_the_table_allows():
    """Rule: a ui package imports the core, its own modules, and what ALLOWED names."""
    offenders = []
    for name, imported in our_modules().items():
        if not name.startswith("ui."):
            continue
        package = name.split(".")[1]
        allowed = {f"ui.{package}", *ALLOWED[package]}
        offenders += [
            f"{name} imports {other}"
            for other in sorted(imported)
            if other.startswith("ui.")
            and not any(other == a or other.startswith(a + ".") for a in allowed)
        ]
    assert offenders == []


def test_no_import_circles():
    graph = our_modules()
    circles, state = [], defaultdict(int)  # 0 unseen, 1 on the path, 2 done

    def visit(name: str, path: list[str]) -> None:
        state[name] = 1
        for other in sorted(graph[name]):
            if state[other] == 1:
                circles.append(" -> ".join([*path[path.index(other) :], other]))
            elif state[other] == 0:
                visit(other, [*path, other])
        state[name] = 2

    for name in sorted(graph):
        if state[name] == 0:
            visit(name, [name])
    assert circles == []


def test_the_command_line_runs_without_loading_qt():
    code = (
        "import sys, main; from cswork.cli import build_parser; "
        "from ui.shell.commands import WINDOW_VERBS; build_parser(WINDOW_VERBS); "
        "print('PySide6' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
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
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert out.stdout.split() == ["False", "False"]


def test_the_code_cites_only_what_is_in_the_repository():
    # Design notes and issue trackers live outside the repository: a reader cannot open
    # them. Say why in the comment, or point to docs/architecture.md.
    outside = re.compile(r"PRODUCT\.md|STYLE\.md|\bissue #?\d+", re.IGNORECASE)
    offenders = [
        f"{path.relative_to(REPO)}:{number}"
        for folder in ("cswork", "ui", "tests", "bench")
        for path in (REPO / folder).rglob("*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if outside.search(line) and path.name != "test_architecture.py"
    ]
    assert offenders == []
