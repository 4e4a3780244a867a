"""Text SQL for the sums the database should do (the desk, the pipeline, metrics):
days bound as dates, and days read back as dates on SQLite too."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, bindparam, text
from sqlalchemy.orm import Session


def day_rows(session: Session, sql: str, params: dict) -> list:
    """The rows of ``sql``; ``:first`` and ``:last``, where used, are bound as dates."""
    statement = text(sql).bindparams(
        *(bindparam(name, type_=Date) for name in ("first", "last") if f":{name}" in sql)
    )
    return session.execute(statement, {k: v for k, v in params.items() if f":{k}" in sql}).all()


def as_date(value) -> date | None:
    """A day from a text query: SQLite gives dates back as ISO text."""
    return date.fromisoformat(value) if isinstance(value, str) else value
