"""A CRM's own columns kept as custom fields, and the history that comes with the book
(customer_since), from a HubSpot-shaped companies export."""

import json
from datetime import date, timedelta

from cswork.alerts import scan
from cswork.book import BookIndex, field_column, load_rows
from cswork.cli import main as cli_main
from cswork.copying import copy_book_rows
from cswork.ctas import list_ctas
from cswork.exporting import account_rows, export_accounts
from cswork.importing import ACCOUNT_FIELDS, KEEP, import_accounts
from cswork.importing.custom_fields import CUSTOM_VALUE_MAX
from cswork.metrics import metrics
from cswork.store import open_book
from tests.factories import stored_accounts as accounts
from tests.factories import write

TODAY = date(2026, 11, 23)
TWO_YEARS_AGO = date(2024, 11, 1)

# A HubSpot companies export: its own headers, owners by name, and columns of its own.
HUBSPOT = (
    "Record ID,Company name,Annual Recurring Revenue,Customer Since,Contract Start Date,"
    "Renewal Date,Company owner,Region,Tier,Lifecycle Stage\n"
    "1001,Acme Corp,12000,2024-11-01,2026-01-01,2026-12-31,Jane Doe,EMEA,Gold,customer\n"
    "1002,Beta Labs,5000,2024-11-01,2026-03-01,2027-02-28,Jane Doe,AMER,,customer\n"
    "1003,Gamma Ltd,800,,2026-01-15,2027-05-31,,,,\n"
)


def import_hubspot(book, tmp_path, **options):
    mapping = {"Company owner": "csm"}  # HubSpot's "Company owner" is the CSM here
    return import_accounts(book, write(tmp_path, HUBSPOT), today=TODAY, mapping=mapping, **options)


def test_columns_without_a_field_are_kept_as_custom_fields(book, tmp_path):
    report = import_hubspot(book, tmp_path)

    assert report.refused == [] and report.imported == 3
    assert report.custom_fields == ["Region", "Tier", "Lifecycle Stage"]
    assert report.ignored_columns == []
    assert "Kept as custom fields: Region, Tier, Lifecycle Stage." in report.summary()
    found = accounts(book)
    assert found["1001"].custom_fields == {
        "Region": "EMEA",
        "Tier": "Gold",
        "Lifecycle Stage": "customer",
    }
    # An empty cell is no value; an account with none has no custom fields at all.
    assert found["1002"].custom_fields == {"Region": "AMER", "Lifecycle Stage": "customer"}
    assert found["1003"].custom_fields is None


def test_a_column_mapped_to_ignore_without_a_header_or_doubled_is_not_kept(book, tmp_path):
    text = "Record ID,Company name,Region,,Notes,Region\n1001,Acme,EMEA,stray,hi,again\n"
    report = import_accounts(
        book, write(tmp_path, text), today=TODAY, mapping={"Notes": "ignore", "Region": KEEP}
    )

    # A header twice: its first column is kept, the other listed as left out.
    assert report.refused == [] and report.ignored_columns == ["Notes", "Region"]
    assert accounts(book)["1001"].custom_fields == {"Region": "EMEA"}


def test_a_later_import_updates_custom_fields(book, tmp_path):
    import_hubspot(book, tmp_path)
    # Region changes for Acme, Tier is absent from this file, Plan is new; an empty
    # Region cell for Beta leaves its Region as it was.
    later = "Record ID,Company name,Region,Plan\n1001,Acme Corp,APAC,Pro\n1002,Beta Labs,,Pro\n"
    report = import_accounts(book, write(tmp_path, later, "later.csv"), today=TODAY)

    assert report.refused == [] and report.updated == 2
    found = accounts(book)
    assert found["1001"].custom_fields == {
        "Region": "APAC",
        "Tier": "Gold",
        "Lifecycle Stage": "customer",
        "Plan": "Pro",
    }
    assert found["1002"].custom_fields == {
        "Region": "AMER",
        "Lifecycle Stage": "customer",
        "Plan": "Pro",
    }
    assert found["1003"].custom_fields is None  # not in the file


def test_a_too_long_value_is_refused_by_its_header_and_nothing_is_written(book, tmp_path):
    text = f"Record ID,Company name,Region\n1001,Acme,EMEA\n1002,Beta,{'x' * 1001}\n"
    report = import_accounts(book, write(tmp_path, text), today=TODAY)

    assert not report.written and [(p.row, p.field) for p in report.refused] == [(3, "Region")]
    assert f"at most {CUSTOM_VALUE_MAX:,}" in report.refused[0].message
    assert accounts(book) == {}


def test_customer_since_comes_from_the_file_else_the_contract_else_the_import(book, tmp_path):
    import_hubspot(book, tmp_path)
    text = "Record ID,Company name\n2001,Delta\n"
    import_accounts(book, write(tmp_path, text, "plain.csv"), today=TODAY)

    found = accounts(book)
    assert found["1001"].customer_since == TWO_YEARS_AGO
    assert found["1003"].customer_since == date(2026, 1, 15)  # its contract start
    assert found["2001"].customer_since == TODAY
    # Alerts still count from the day the account came into the book.
    assert {a.entered_book_on for a in found.values()} == {TODAY}


def test_start_date_and_became_customer_are_customer_since():
    for header in ("Start Date", "Became Customer", "Customer Start Date", "Customer Since"):
        assert ACCOUNT_FIELDS.match(header).name == "customer_since"
    assert ACCOUNT_FIELDS.match("Contract Start Date").name == "contract_start"


def test_an_imported_book_has_last_years_retention(book, tmp_path):
    import_hubspot(book, tmp_path)
    with book.session() as session:
        year = metrics(session, TODAY - timedelta(days=365), TODAY)

    # Acme and Beta were customers a year ago (since 2024); Gamma only since 2026-01.
    assert year.starting_arr == 1_700_000 and year.grr == 1


def test_an_import_with_history_raises_no_wave_of_alerts(book, tmp_path):
    import_hubspot(book, tmp_path)  # customers for two years, nothing on their timeline

    scan(book, TODAY)

    with book.session() as session:
        keys = [item.dedupe_key or "" for item in list_ctas(session)]
    assert not [key for key in keys if key.startswith(("risk-silence", "risk-ebr", "lifecycle"))]


def test_the_export_has_customer_since_and_the_custom_fields_and_imports_back(book, tmp_path):
    import_hubspot(book, tmp_path)
    exported = tmp_path / "export.csv"
    with book.session() as session:
        export_accounts(session, exported)
        headers, _ = account_rows(session)

    assert headers == [*ACCOUNT_FIELDS.names, "Lifecycle Stage", "Region", "Tier"]
    assert "customer_since" in ACCOUNT_FIELDS.names
    fresh = open_book(tmp_path / "fresh.db")
    report = import_accounts(fresh, exported, today=TODAY + timedelta(days=3))
    assert report.refused == [] and report.imported == 3
    with book.session() as session, fresh.session() as again:
        assert account_rows(again) == account_rows(session)
    assert accounts(fresh)["1001"].customer_since == TWO_YEARS_AGO
    # ...and the export of the imported book is the same file.
    second = tmp_path / "again.csv"
    with fresh.session() as session:
        export_accounts(session, second)
    assert second.read_bytes() == exported.read_bytes()
    fresh.close()


def test_the_book_filters_and_sorts_by_custom_fields(book, tmp_path):
    import_hubspot(book, tmp_path)
    with book.session() as session:
        index = BookIndex(load_rows(session))

    assert index.field_names == ["Lifecycle Stage", "Region", "Tier"]
    everyone = index.select(range(len(index)))
    found = BookIndex.filter(everyone, "emea")
    assert [index.rows[i].name for i in found.rows] == ["Acme Corp"]
    by_region = index.sort(range(len(index)), field_column("Region"))
    assert [index.rows[i].name for i in by_region] == ["Beta Labs", "Acme Corp", "Gamma Ltd"]


def test_account_json_gives_fields_customer_since_and_owners_by_name(
    book, book_path, tmp_path, capsys
):
    import_hubspot(book, tmp_path)
    code = cli_main(["account", "1001", "--db", str(book_path), "--json"])
    data = json.loads(capsys.readouterr().out)

    assert code == 0
    assert data["fields"] == {"Lifecycle Stage": "customer", "Region": "EMEA", "Tier": "Gold"}
    assert data["customer_since"] == "2024-11-01"
    assert data["csm"] == {"name": "Jane Doe", "email": None}  # a person known by name
    assert data["ae"] is None

    cli_main(["account", "1003", "--db", str(book_path), "--json"])
    assert json.loads(capsys.readouterr().out)["fields"] == {}


def test_a_copied_book_keeps_its_custom_fields(book, tmp_path):
    source = open_book(tmp_path / "source.db")
    import_hubspot(source, tmp_path)
    copy_book_rows(source, book)  # into SQLite, or PostgreSQL through COPY
    source.close()

    assert accounts(book)["1001"].custom_fields["Region"] == "EMEA"
    assert accounts(book)["1003"].custom_fields is None
