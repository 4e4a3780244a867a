"""Custom fields for `python main.py screens`: the sample book's accounts get the
columns a CRM export brings (Region, Tier), as an import would keep them."""

from __future__ import annotations

from collections.abc import Callable

REGIONS = ("EMEA", "AMER", "APAC")
TIERS = ("Gold", "Silver", "Bronze", "")


def add_sample_fields(book) -> None:
    """Region on every account, Tier on most: what a HubSpot export's extra columns give."""
    from sqlalchemy import bindparam, select, update

    from cswork.models import Account

    table = Account.__table__
    with book.writing() as session:  # as an import writes: not an edit on the timeline
        ids = session.scalars(select(Account.id)).all()
        rows = [
            {
                "row_id": i,
                "fields": {
                    name: value
                    for name, value in (("Region", REGIONS[i % 3]), ("Tier", TIERS[i % 4]))
                    if value
                },
            }
            for i in ids
        ]
        statement = (
            update(table)
            .where(table.c.id == bindparam("row_id"))
            .values(custom_fields=bindparam("fields"))
        )
        session.execute(statement, rows)


def render_field_screens(window, shot: Callable) -> None:
    """The book with the Region and Tier columns chosen, filtered by a region."""
    page = window.book_page
    page.show_field_column("Region", True)
    page.show_field_column("Tier", True)
    page.filter.setText("emea")
    scroll = page.table.horizontalScrollBar()
    scroll.setValue(scroll.maximum())  # the chosen columns, after ours
    shot(window, "04b-book-custom-field-columns")
    scroll.setValue(0)
    page.filter.clear()
    page.show_field_column("Region", False)
    page.show_field_column("Tier", False)
