"""The Renewals page: filters, the 90-day list, export as shown, the pipeline, capacity,
the review agenda, opening an account, and File ▸ Export calendar."""

import csv
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from cswork.enums import OpportunityKind, PersonRole, Segment
from cswork.models import Person
from cswork.opportunities import create_opportunity
from cswork.settings import set_setting
from tests.conftest import TODAY
from tests.factories import add_account, add_people
from ui.kit.look import OVERDUE_COLOUR
from ui.renewals.calendar_file import Whose, export_calendar


@pytest.fixture
def desk(qtbot, book, make_window):
    """Riley (R&E manager, "me") owns Alpha, Gamma and Delta; Morgan owns Beta."""
    people = add_people(book)
    with book.writing() as session:
        morgan = Person(name="Morgan Reyes", email="morgan@example.com", role=PersonRole.RE_MANAGER)
        session.add(morgan)
        session.flush()
        people["morgan"] = morgan.id
    accounts = {}
    for name, days, owner, segment, arr in [
        ("Alpha Co", 10, "re", Segment.HIGH_TOUCH, 5_000_000),
        ("Beta Co", 20, "morgan", Segment.LOW_TOUCH, 8_000_000),
        ("Gamma Co", 30, "re", Segment.HIGH_TOUCH, 12_000_000),
        ("Delta Co", 35, "re", Segment.LOW_TOUCH, 3_000_000),
        ("Later Co", 200, "re", Segment.HIGH_TOUCH, 9_000_000),
    ]:
        accounts[name] = add_account(
            book,
            TODAY,
            days,
            external_id=name,
            name=name,
            segment=segment,
            arr_cents=arr,
            re_manager_id=people[owner],
            health=40 if name == "Alpha Co" else 85,
        )
    with book.writing() as session:
        create_opportunity(
            session,
            accounts["Alpha Co"],
            OpportunityKind.RENEWAL,
            close_date=TODAY + timedelta(days=10),
            strategy="Exec call first",
        )
        create_opportunity(
            session,
            accounts["Gamma Co"],
            OpportunityKind.UPSELL,
            amount_cents=1_000_000,
            close_date=TODAY + timedelta(days=20),
        )
    win = make_window(book, people["re"])
    page = win.renewals_page
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        win.go_to("Renewals")
    return win, page, people, accounts


def names(model) -> list[str]:
    return [r.name for r in model.records()]


def refilter(qtbot, page, change) -> None:
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        change()


def test_the_90_day_list_follows_owner_and_segment(qtbot, desk):
    _, page, people, _ = desk
    assert page.filters.owner.currentText() == "Me (Riley Evans)"
    assert names(page.upcoming.model) == ["Alpha Co", "Gamma Co", "Delta Co"]
    assert page.tabs.tabText(0) == "Next 90 days (3)"

    refilter(qtbot, page, lambda: page.filters.select_owner(None))
    assert names(page.upcoming.model) == ["Alpha Co", "Beta Co", "Gamma Co", "Delta Co"]
    model = page.upcoming.model
    first = {
        model.headerData(c, Qt.Orientation.Horizontal): model.index(0, c)
        for c in range(model.columnCount())
    }
    assert model.data(first["ARR"]) == "$50,000"
    assert model.data(first["Owner"]) == "Riley Evans"  # accountable for the renewal
    assert model.data(first["Status"]) == "Pipeline"
    assert model.data(first["Strategy"]) == "Exec call first"
    assert model.data(first["Health"], Qt.ItemDataRole.DecorationRole) is not None

    refilter(qtbot, page, lambda: page.filters.select_segment(Segment.LOW_TOUCH))
    assert names(page.upcoming.model) == ["Beta Co", "Delta Co"]
    refilter(qtbot, page, lambda: page.filters.select_owner(people["morgan"]))
    assert names(page.upcoming.model) == ["Beta Co"]


def test_every_desk_model_passes_the_model_tester(qtmodeltester, qtbot, desk):
    _, page, _, _ = desk
    refilter(qtbot, page, lambda: page.filters.select_owner(None))
    assert page.pipeline.model.rowCount() == 2 and page.agenda.model.rowCount() == 2
    for model in (page.upcoming.model, page.pipeline.model, page.capacity.model, page.agenda.model):
        qtmodeltester.check(model)


def test_export_writes_the_rows_as_shown(qtbot, desk, tmp_path):
    _, page, _, _ = desk
    tab = page.upcoming
    tab.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)  # ARR, largest first
    assert names(tab.model) == ["Gamma Co", "Alpha Co", "Delta Co"]
    target = tmp_path / "renewals.csv"
    tab.export(target)
    qtbot.waitUntil(lambda: tab.state.text().startswith("Wrote"), timeout=5000)
    with target.open(encoding="utf-8-sig") as file:
        rows = list(csv.DictReader(file))
    assert [(r["Account"], r["ARR"], r["Renewal"]) for r in rows] == [
        ("Gamma Co", "120000.00", (TODAY + timedelta(days=30)).isoformat()),
        ("Alpha Co", "50000.00", (TODAY + timedelta(days=10)).isoformat()),
        ("Delta Co", "30000.00", (TODAY + timedelta(days=35)).isoformat()),
    ]
    xlsx = tmp_path / "renewals.xlsx"
    tab.export(xlsx)
    qtbot.waitUntil(lambda: tab.state.text() == "Wrote 3 rows to renewals.xlsx", timeout=10_000)


def test_double_click_opens_the_account(qtbot, desk):
    win, page, _, accounts = desk
    table = page.upcoming.table
    rect = table.visualRect(page.upcoming.model.index(0, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # a press,
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # then double
    assert win.stack.currentWidget() is win.customer360
    assert win.customer360.account_id == accounts["Alpha Co"]


def test_over_capacity_shows_in_red(qtbot, desk, book):
    _, page, people, _ = desk
    with book.writing() as session:
        set_setting(session, "renewals_per_business_day", 1)
    for n in range(6):  # six renewals for Morgan on one day: more than 1 a day for 5 days
        add_account(
            book,
            TODAY,
            3,
            external_id=f"RUSH-{n}",
            name=f"Rush {n}",
            re_manager_id=people["morgan"],
        )
    page.mark_stale()
    refilter(qtbot, page, lambda: page.filters.select_owner(None))
    model = page.capacity.model
    rows = {r.owner: n for n, r in enumerate(model.records())}
    load = model.columns.index("Load")
    morgan = model.index(rows["Morgan Reyes"], load)
    assert model.data(morgan) == "Over capacity"
    assert model.data(morgan, Qt.ItemDataRole.ForegroundRole) == QColor(OVERDUE_COLOUR)
    assert model.data(model.index(rows["Riley Evans"], load)) == "Within capacity"
    assert page.tabs.tabText(2) == "Capacity (1 over)"


def test_the_review_agenda_groups_by_owner_and_exports_a_pdf(qtbot, desk, tmp_path):
    _, page, _, _ = desk
    refilter(qtbot, page, lambda: page.filters.select_owner(None))
    model = page.agenda.model
    owners = [model.data(model.index(row, 0)) for row in range(model.rowCount())]
    assert owners == ["Riley Evans — 3 renewals, $200,000", "Morgan Reyes — 1 renewal, $80,000"]
    riley = model.index(0, 0)
    assert [model.data(model.index(r, 0, riley)) for r in range(model.rowCount(riley))] == [
        "Alpha Co",
        "Gamma Co",
        "Delta Co",
    ]
    target = tmp_path / "review.pdf"
    page.agenda.export_pdf(target)
    qtbot.waitUntil(lambda: page.agenda.state.text().startswith("Wrote 4 renewals"), timeout=10_000)
    assert target.read_bytes().startswith(b"%PDF")


def test_export_calendar_runs_off_the_gui_thread(qtbot, desk, tmp_path):
    win, _, people, _ = desk
    target = tmp_path / "mine.ics"
    export_calendar(win, Whose(people["re"]), target)
    assert "Exporting your renewals" in win.statusBar().currentMessage()
    qtbot.waitUntil(lambda: win.statusBar().currentMessage().startswith("Wrote"), timeout=10_000)
    text = target.read_text(encoding="utf-8")
    assert "Renewal: Alpha Co" in text and "Renewal: Beta Co" not in text
