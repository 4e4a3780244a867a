"""Custom fields: the columns of an account file we have no field for (Region, Tier,
Plan...), kept on the account by the file's own header, each value the cell's text.

``parse_custom_value`` is the one rule for a value, for the import and for an edit."""

from __future__ import annotations

from collections.abc import Iterator

from cswork.importing.fields import Columns
from cswork.importing.tables import Table
from cswork.importing.values import ValueProblem, parse_text

CUSTOM_VALUE_MAX = 1000  # characters; a CRM's notes belong on the timeline


def parse_custom_value(text: str) -> str | None:
    """A custom field's value: the text, stripped; None for an empty cell (no value).
    ValueProblem for a text longer than CUSTOM_VALUE_MAX."""
    text = text.strip()
    if not text:
        return None
    try:
        return parse_text(text, CUSTOM_VALUE_MAX)
    except ValueProblem:
        raise ValueProblem(
            f"is {len(text):,} characters long; a custom field holds at most "
            f"{CUSTOM_VALUE_MAX:,} (shorten it, or map the column to ignore)"
        ) from None


def read_custom_fields(
    table: Table, columns: Columns
) -> Iterator[tuple[dict[str, str], list[tuple[str, str]]]]:
    """Per row of ``table``, in order: its custom fields ({header: text}, the empty
    cells left out) and its [(header, problem)]."""
    kept = list(columns.custom.items())
    for _, cells in table.rows:
        values, problems = {}, []
        for header, index in kept:
            if text := cells[index]:
                try:
                    value = parse_custom_value(text)
                except ValueProblem as problem:
                    problems.append((header, problem.message))
                    continue
                if value is not None:
                    values[header] = value
        yield values, problems


def merged(stored: dict[str, str] | None, given: dict[str, str]) -> dict[str, str] | None:
    """An account's custom fields after an import: the file's values replace the
    stored ones; fields the file does not give stay as they were. None when none."""
    return {**(stored or {}), **given} or None
