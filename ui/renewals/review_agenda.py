"""The Wednesday renewal review on paper and in a spreadsheet: the core's agenda
(renewals due in the next 90 days, by owner) as a PDF with a heading and readable
tables, or as CSV/XLSX rows."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from cswork.desk import UpcomingRenewal
from cswork.exporting import write_table
from cswork.money import format_money
from ui.kit.labels import exact, health_text, renewal_status
from ui.kit.look import BAND_COLOURS, day_text
from ui.kit.paper import dot, esc, write_pdf
from ui.renewals.agenda_model import Agenda, arr_text, owner_line

HEADERS = [
    "Owner",
    "Account",
    "External id",
    "Renewal date",
    "Days to go",
    "ARR",
    "Currency",
    "Health",
    "Forecast",
    "Status",
    "Strategy",
]


def agenda_rows(agenda: Agenda) -> list[list[Any]]:
    """One row per renewal, grouped by owner in the agenda's order."""
    return [
        [
            owner,
            r.name,
            r.external_id,
            r.renewal_date,
            r.days_to_renewal,
            exact(r.arr_cents),
            r.currency,
            r.health,
            exact(r.forecast_cents),
            renewal_status(r.stage, r.forecast_category),
            r.strategy,
        ]
        for owner, renewals in agenda
        for r in renewals
    ]


def agenda_html(agenda: Agenda, today: date, scope: str, days: int = 90) -> str:
    everything = [r for _, renewals in agenda for r in renewals]
    count, owners = len(everything), len(agenda)
    parts = [
        f"<h1>Wednesday renewal review — {esc(day_text(today))}</h1>",
        f'<p class="sub">Renewals due in the next {days} days '
        f"({esc(day_text(today))} to {esc(day_text(today + timedelta(days=days)))}) · "
        f"{esc(scope)}</p>",
        f"<p>{count} renewal{'s' if count != 1 else ''}, {esc(arr_text(everything))} ARR, "
        f"{owners} owner{'s' if owners != 1 else ''}.</p>",
    ]
    if not agenda:
        parts.append(f'<p class="muted">Nothing renews in the next {days} days.</p>')
    for owner, renewals in agenda:
        parts.append(f"<h2>{esc(owner_line(owner, renewals))}</h2>")
        parts.append(_table(renewals))
    return "".join(parts)


# (heading, width %, right-aligned): wide enough that dates and figures never wrap.
_COLUMNS = [
    ("Account", 23, False),
    ("Renewal", 10, False),
    ("Days", 5, True),
    ("ARR", 10, True),
    ("Health", 7, True),
    ("Forecast", 10, True),
    ("Status", 9, False),
    ("Strategy", 26, False),
]


def _cell(tag: str, number: int, content: str) -> str:
    _, width, right = _COLUMNS[number]
    align = ' align="right"' if right else ""
    if number and _COLUMNS[number - 1][2] and not right:  # words right after figures
        rule = "#9aa1ad" if tag == "th" else "#e2e5ea"  # a cell's style replaces the sheet's
        align += f' style="padding: 2px 6px 2px 14px; border-bottom: 1px solid {rule}"'
    return f'<{tag} width="{width}%"{align}>{content}</{tag}>'


def _table(renewals: list[UpcomingRenewal]) -> str:
    head = "".join(_cell("th", n, esc(title)) for n, (title, _, _) in enumerate(_COLUMNS))
    rows = "".join(_row(r) for r in renewals)
    table = '<table class="grid" width="100%" cellspacing="0">'
    return f"{table}<thead><tr>{head}</tr></thead>{rows}</table>"


def _row(r: UpcomingRenewal) -> str:
    health = (dot(BAND_COLOURS[r.band]) + " " if r.band else "") + esc(health_text(r.health))
    status = esc(renewal_status(r.stage, r.forecast_category))
    if r.stage is None:  # nobody opened the renewal yet
        status = f'<span class="warn">{status}</span>'
    cells = [
        esc(r.name),
        esc(day_text(r.renewal_date)),
        str(r.days_to_renewal),
        esc(format_money(r.arr_cents, r.currency, whole=True)),
        health,
        esc(format_money(r.forecast_cents, r.currency, whole=True)),
        status,
        esc(r.strategy),
    ]
    return "<tr>" + "".join(_cell("td", n, c) for n, c in enumerate(cells)) + "</tr>"


def write_agenda(path: Path, agenda: Agenda, today: date, scope: str) -> int:
    """Write the agenda as .pdf, .csv or .xlsx (by the file's suffix); returns the
    number of renewals written."""
    if path.suffix.lower() == ".pdf":
        html = agenda_html(agenda, today, scope)
        write_pdf(path, html, f"Renewal review {today.isoformat()}", landscape=True)
        return sum(len(renewals) for _, renewals in agenda)
    return write_table(path, HEADERS, agenda_rows(agenda))
