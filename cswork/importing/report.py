"""What an import tells the user: counts, and a problem per row and field."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

Progress = Callable[[int, int], None]  # (done, total)
Cancelled = Callable[[], bool]


class ImportCancelled(Exception):
    """The user cancelled the import; roll back, nothing is written."""


@dataclass(frozen=True)
class Problem:
    """One refused cell. ``row`` counts like a spreadsheet (the header is row 1);
    ``field`` is the file's own header text, or our field name when the column is absent."""

    row: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"row {self.row}, {self.field}: {self.message}"

    def as_json(self) -> dict[str, object]:
        return {"row": self.row, "field": self.field, "message": self.message}


@dataclass
class ImportReport:
    """What an import did: counts, the refused cells, the columns nothing read and the
    people it had to add (so a typo in an owner's email does not pass unseen)."""

    noun: str = "account"
    rows: int = 0  # data rows in the file
    valid_rows_only: bool = False
    imported: int = 0
    updated: int = 0
    refused: list[Problem] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    custom_fields: list[str] = field(default_factory=list)  # columns kept as custom fields
    people_added: list[str] = field(default_factory=list)
    # The ids written (new and updated), so a screen knows what to refresh.
    changed_ids: list[int] = field(default_factory=list)
    # The alert scan that follows an import: the CTAs it raised.
    ctas_raised: int = 0
    raised_cta_ids: list[int] = field(default_factory=list)
    scan_seconds: float = 0.0  # how long that scan took, of the whole import
    # Who owns renewals, said after the first import into a book with no R&E managers.
    org_model_note: str | None = None

    @classmethod
    def of_check(cls, noun: str, check: Any, valid_rows_only: bool) -> ImportReport:
        """The report of writing ``check`` (an entity's file check), before anything is."""
        return cls(
            noun=noun,
            rows=len(check.rows),
            valid_rows_only=valid_rows_only,
            refused=check.problems,
            ignored_columns=list(check.columns.ignored),
            custom_fields=list(check.columns.custom),
        )

    @property
    def writes_nothing(self) -> bool:
        """A row was refused and the file goes in whole or not at all."""
        return bool(self.refused) and not self.valid_rows_only

    @property
    def written(self) -> bool:
        return bool(self.imported or self.updated)

    @property
    def refused_rows(self) -> list[int]:
        return sorted({problem.row for problem in self.refused})

    def as_json(self) -> dict[str, object]:
        return {
            "entity": _plural(self.noun),
            "rows": self.rows,
            "imported": self.imported,
            "updated": self.updated,
            "refused": [problem.as_json() for problem in self.refused],
            "ignored_columns": self.ignored_columns,
            "custom_fields": self.custom_fields,
            "people_added": self.people_added,
            "ctas_raised": self.ctas_raised,
            "org_model_note": self.org_model_note,
        }

    def after_lines(self) -> list[str]:
        """What followed the write: the scan's CTAs, and who owns renewals."""
        lines = [f"The alert scan raised {_count(self.ctas_raised, 'CTA')}."]
        lines = lines if self.ctas_raised else []
        return lines + ([self.org_model_note] if self.org_model_note else [])

    def summary(self) -> str:
        """One line for a human, e.g. 'Imported 120 new accounts and updated 30.'"""
        if self.refused and not self.written:
            line = (
                f"Nothing imported: {_count(len(self.refused), 'problem')} in "
                f"{_count(len(self.refused_rows), 'row')}"
            )
            line += (
                " (no row was valid)."
                if self.valid_rows_only
                else (" (fix them, or use --valid-rows-only).")
            )
        elif not self.rows:
            line = f"Nothing imported: the file has no {self.noun} rows."
        else:
            line = f"Imported {_count(self.imported, 'new ' + self.noun)} and updated "
            line += str(self.updated)
            if self.refused:
                line += (
                    f"; refused {_count(len(self.refused_rows), 'row')} with "
                    f"{_count(len(self.refused), 'problem')}"
                )
            line += "."
        if self.people_added:
            names = ", ".join(self.people_added[:5])
            more = len(self.people_added) - 5
            line += f" Added {_count(len(self.people_added), 'person', 'people')}: {names}" + (
                f" and {more} more." if more > 0 else "."
            )
        if self.custom_fields:
            kept = "Kept" if self.written else "Will keep"  # nothing is kept yet
            line += f" {kept} as custom fields: {', '.join(self.custom_fields)}."
        if self.ignored_columns:
            line += f" Ignored columns: {', '.join(self.ignored_columns)}."
        return line


def _count(n: int, singular: str, plural: str | None = None) -> str:
    return f"{n} {singular if n == 1 else plural or _plural(singular)}"


def _plural(noun: str) -> str:
    """'opportunity' -> 'opportunities', 'new account' -> 'new accounts'."""
    return noun[:-1] + "ies" if noun.endswith("y") and noun[-2:-1] not in "aeiou" else noun + "s"


def tick(done: int, total: int, progress: Progress | None, cancelled: Cancelled | None) -> None:
    """Report progress, and stop the import (ImportCancelled) when the user cancelled."""
    if cancelled is not None and cancelled():
        raise ImportCancelled("The import was cancelled; nothing was written.")
    if progress is not None:
        progress(done, total)
