"""The day/month order of a file's dates, never guessed.

03/04/2027 is March 4 in a US export and 3 April in a European one. The order comes
from the user (``--date-order``, the wizard), or from what the book remembers of the
last order the user gave (the ``import_date_order`` setting). When neither says it,
the file's own dates may: one that can be read only one way (31/03/2027) settles the
order for the file. A file whose dates all read two ways is refused, naming the
choice; one whose dates disagree (31/03/2027 and 12/25/2027) has each such date
refused; ISO dates, dotted dates and month names never need an order."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from cswork.importing.fields import Columns, FieldSet
from cswork.importing.tables import ImportFileError, Table
from cswork.importing.values import DATE_ORDERS, both_ways, year_last_order
from cswork.settings import get_setting

SETTING = "import_date_order"
_YEAR_LAST = re.compile(r"^(\d{1,2})[/-](\d{1,2})[/-]\d{4}\b")
ORDER_WORDS = {
    "MDY": "month first (MDY)",
    "DMY": "day first (DMY)",
    "YMD": "year first (YMD)",
}


def parse_date_order(text: str) -> str:
    """'dmy' -> 'DMY'; ImportFileError for anything else."""
    order = text.strip().upper()
    if order not in DATE_ORDERS:
        raise ImportFileError(f"--date-order takes dmy, mdy or ymd, not {text!r}.")
    return order


def remembered_date_order(session: Session) -> str | None:
    order = get_setting(session, SETTING)
    return order if order in DATE_ORDERS else None


@dataclass
class FileDates:
    """What a file's dates with the year last say of their order."""

    # Orders the file's dates require: {"DMY"} for a file with 31/03/2027 in it.
    required: set[str] = field(default_factory=set)
    # Dates that read two ways, by the header of their column: {header: [texts]}.
    ambiguous: dict[str, list[str]] = field(default_factory=dict)

    @property
    def order(self) -> str | None:
        """The order the file settles on its own; None when it does not (no date says
        it, or its dates disagree: each year-last date is then refused)."""
        return next(iter(self.required)) if len(self.required) == 1 else None

    @property
    def mixed(self) -> bool:
        """Some dates can only be day first, others only month first."""
        return len(self.required) > 1

    @property
    def undecided(self) -> bool:
        """Dates that read two ways, and nothing in the file to tell which."""
        return bool(self.ambiguous) and not self.required


def file_dates(table: Table, columns: Columns, field_set: FieldSet) -> FileDates:
    """Read the date columns' year-last dates (each distinct text once)."""
    found = FileDates()
    for field_ in field_set.fields:
        index = columns.indexes.get(field_.name)
        if not field_.dates or index is None:
            continue
        seen: set[str] = set()
        for _, cells in table.rows:
            text = cells[index]
            if not text or text in seen:
                continue
            seen.add(text)
            if match := _YEAR_LAST.match(text):
                order = year_last_order(int(match[1]), int(match[2]))
                if order is None:
                    found.ambiguous.setdefault(columns.headers[index], []).append(text)
                elif int(match[1]) != int(match[2]):
                    found.required.add(order)
    return found


def date_order_for(dates: FileDates, given: str | None, remembered: str | None) -> str | None:
    """The order an import reads its dates by: the one given, else the remembered
    one, else the file's own. ImportFileError when the file's dates are ambiguous and
    nothing says the order."""
    if given or remembered:
        return given or remembered
    if dates.undecided:
        raise ImportFileError(ambiguous_message(dates))
    return dates.order


def ambiguous_message(dates: FileDates) -> str:
    headers = list(dates.ambiguous)
    named = ", ".join(headers[:-1]) + " and " + headers[-1] if len(headers) > 1 else headers[0]
    example = dates.ambiguous[headers[0]][0]
    return (
        f"The dates in {named} are ambiguous ({example} is {both_ways(example)}); "
        "say which with --date-order mdy or --date-order dmy."
    )
