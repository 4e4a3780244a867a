"""Importing accounts from a CRM's CSV: all rows or none."""

import json
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, inspect, select

from cswork.bulk import REBUILD_INDEXES_AT
from cswork.cli import main as cli_main
from cswork.enums import AccountStatus, PersonRole, Segment
from cswork.importing import (
    ACCOUNT_FIELDS,
    ImportCancelled,
    ImportFileError,
    Problem,
    ValueProblem,
    check_accounts,
    import_accounts,
    match_columns,
    read_table,
)
from cswork.importing.values import parse_arr, parse_date
from cswork.models import Account, Person, RaciOverride
from cswork.people import add_person
from cswork.settings import set_setting

TODAY = date(2026, 11, 23)

CANONICAL = (
    "external_id,name,parent_external_id,segment,industry,arr,currency,licenses,"
    "licenses_used,contract_start,renewal_date,term_months,auto_renew,status,csm,re_manager,ae\n"
    "A-1,Acme,,high-touch,Software,1200.50,USD,100,80,2025-11-24,2026-11-23,12,yes,active,"
    "jane.doe@example.com,Rita Renewals,sam.sales@example.com\n"
    "A-2,Acme EU,A-1,low-touch,Software,300,EUR,10,2,2026-01-01,2027-01-01,12,no,churned,,,\n"
)


def write_csv(tmp_path, text, name="accounts.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def run_import(book, tmp_path, text, **options):
    return import_accounts(book, write_csv(tmp_path, text), today=TODAY, **options)


def accounts(book):
    with book.session() as session:
        return {a.external_id: a for a in session.scalars(select(Account))}


def count_accounts(book):
    with book.session() as session:
        return session.scalar(select(func.count(Account.id)))


def person(book, person_id):
    with book.session() as session:
        return session.get(Person, person_id)


# Headers -------------------------------------------------------------------------------


def test_canonical_headers_fill_every_field(book, tmp_path):
    report = run_import(book, tmp_path, CANONICAL)

    assert (report.imported, report.updated, report.refused) == (2, 0, [])
    acme, eu = accounts(book)["A-1"], accounts(book)["A-2"]
    assert (acme.name, acme.segment, acme.industry) == ("Acme", Segment.HIGH_TOUCH, "Software")
    assert (acme.arr_cents, acme.currency, acme.licenses, acme.licenses_used) == (
        120050,
        "USD",
        100,
        80,
    )
    # Renewing today: not yet passed, so the import's scan leaves the auto-renewal alone.
    assert (acme.contract_start, acme.renewal_date) == (date(2025, 11, 24), date(2026, 11, 23))
    assert (acme.term_months, acme.auto_renew, acme.status) == (12, True, AccountStatus.ACTIVE)
    assert acme.entered_book_on == TODAY  # silence alerts count from here
    assert eu.parent_id == acme.id
    assert (eu.currency, eu.auto_renew, eu.status) == ("EUR", False, AccountStatus.CHURNED)
    assert person(book, acme.csm_id).email == "jane.doe@example.com"
    assert person(book, acme.re_manager_id).name == "Rita Renewals"
    assert person(book, acme.ae_id).email == "sam.sales@example.com"


def test_crm_synonym_headers(book, tmp_path):
    text = (
        "Account ID,Account Name,Parent Account ID,Segment,Industry,Annual Recurring Revenue,"
        "Currency,Seats,Contract Start Date,Contract End Date,Term (months),Auto Renew,Status,"
        "Customer Success Manager,R&E Manager,Account Owner\n"
        'P-1,Parent Co,,Strategic,Retail,"$10,000",USD,5,2026-01-01,2027-01-01,12,Y,Active,'
        "Cara CSM,Rex RE,Al AE\n"
        'C-1,Child Co,P-1,High Touch,Retail,"$1,000",USD,5,2026-01-01,2027-01-01,12,n,active,'
        "Cara CSM,Rex RE,Al AE\n"
    )
    report = run_import(book, tmp_path, text)

    assert report.refused == [] and report.imported == 2
    child = accounts(book)["C-1"]
    assert child.parent_id == accounts(book)["P-1"].id
    assert (child.arr_cents, child.licenses, child.renewal_date) == (100000, 5, date(2027, 1, 1))
    assert person(book, child.csm_id).role == PersonRole.CSM
    assert person(book, child.re_manager_id).role == PersonRole.RE_MANAGER
    assert person(book, child.ae_id).role == PersonRole.AE


@pytest.mark.parametrize(
    "header, field",
    [
        ("Account ID", "external_id"),
        ("ACCOUNT_ID", "external_id"),
        ("external id", "external_id"),
        ("Account Name", "name"),
        ("ARR", "arr"),
        ("Annual Recurring Revenue", "arr"),
        ("Contract End Date", "renewal_date"),
        ("Renewal Date", "renewal_date"),
        ("Contract Start Date", "contract_start"),
        ("Customer Success Manager", "csm"),
        ("CSM", "csm"),
        ("Account Owner", "ae"),
        ("Renewal Manager", "re_manager"),
        ("R&E Manager", "re_manager"),
        ("Parent Account ID", "parent_external_id"),
        ("Licenses", "licenses"),
        ("Seats", "licenses"),
        ("Term (months)", "term_months"),
        ("Auto Renew", "auto_renew"),
        ("auto_renew", "auto_renew"),
        ("Status", "status"),
    ],
)
def test_headers_match_ignoring_case_spaces_and_underscores(header, field):
    assert ACCOUNT_FIELDS.match(header).name == field


def test_columns_mapped_to_ignore_are_left_out_and_listed(book, tmp_path):
    text = "Account ID,Account Name,Notes,Region\nA-1,Acme,hi,EU\n"
    report = run_import(book, tmp_path, text, mapping={"Notes": "ignore", "Region": "ignore"})

    assert report.refused == [] and report.ignored_columns == ["Notes", "Region"]
    assert "Ignored columns: Notes, Region." in report.summary()
    assert accounts(book)["A-1"].custom_fields is None


def test_a_mapping_names_columns_and_overrides_synonyms(book, tmp_path):
    text = "Cust #,Customer,Account Owner\nA-1,Acme,jane@example.com\n"
    report = run_import(
        book, tmp_path, text, mapping={"Cust #": "external_id", "account owner": "csm"}
    )

    acme = accounts(book)["A-1"]
    assert report.refused == [] and acme.name == "Acme"  # "Customer" is a synonym of name
    assert acme.csm_id is not None and acme.ae_id is None


def test_a_mapping_may_name_a_field_in_any_spelling(book, tmp_path):
    text = "Account ID,Account Name,Close\nA-1,Acme,2026-11-22\n"
    run_import(book, tmp_path, text, mapping={"close": "Renewal Date"})

    assert accounts(book)["A-1"].renewal_date == date(2026, 11, 22)


def test_a_column_mapped_to_ignore_is_left_out(book, tmp_path):
    text = "Account ID,Account Name,ARR,Annual Recurring Revenue\nA-1,Acme,5,7\n"
    with pytest.raises(ImportFileError, match="both hold arr"):
        run_import(book, tmp_path, text)

    report = run_import(book, tmp_path, text, mapping={"ARR": "ignore"})
    assert accounts(book)["A-1"].arr_cents == 700 and report.ignored_columns == ["ARR"]


@pytest.mark.parametrize(
    "mapping, message",
    [
        ({"Account ID": "arrr"}, "'arrr', which is not one of the account fields"),
        ({"Nope": "arr"}, "column 'Nope' the file does not have"),
    ],
)
def test_a_bad_mapping_is_one_clear_error(book, tmp_path, mapping, message):
    with pytest.raises(ImportFileError, match=message):
        run_import(book, tmp_path, "Account ID,Account Name\nA-1,Acme\n", mapping=mapping)


def test_a_missing_required_column_is_a_file_error(book, tmp_path):
    with pytest.raises(ImportFileError, match="no external_id column"):
        run_import(book, tmp_path, "Account Name,ARR\nAcme,5\n")


# Values --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "arr, cents",
    [
        ("$1,200.50", 120050),
        ("1200.5", 120050),
        ("USD 1,200", 120000),
        ("1,200", 120000),
        ("0", 0),
        ("$0.05", 5),
    ],
)
def test_money_formats(book, tmp_path, arr, cents):
    run_import(book, tmp_path, f'external_id,name,arr\nA-1,Acme,"{arr}"\n')

    assert accounts(book)["A-1"].arr_cents == cents


@pytest.mark.parametrize(
    "text",
    [
        "2026-11-22",
        "11/22/2026",
        "22.11.2026",
        "Nov 22, 2026",
        "22 November 2026",
        "November 22 2026",
        "22-Nov-2026",
        "2026-11-22 00:00:00",
    ],
)
def test_date_formats(book, tmp_path, text):
    report = run_import(book, tmp_path, f'external_id,name,renewal_date\nA-1,Acme,"{text}"\n')

    assert report.refused == []
    assert accounts(book)["A-1"].renewal_date == date(2026, 11, 22)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2199, 12, 31)))
def test_any_date_reads_back_from_every_format(day):
    for text, order in [
        (day.isoformat(), "MDY"),
        (day.strftime("%m/%d/%Y"), "MDY"),
        (day.strftime("%d/%m/%Y"), "DMY"),
        (day.strftime("%d.%m.%Y"), "MDY"),
        (day.strftime("%b %d, %Y"), "DMY"),
        (day.strftime("%d %B %Y"), "MDY"),
    ]:
        assert parse_date(text, order) == day


@pytest.mark.parametrize(
    "text",
    [
        "31/02/2026",
        "02/31/2026",
        "2026-13-01",
        "29.02.2027",
        "Feb 30, 2026",
        "11/22/26",
        "tomorrow",
        "2026-11-22x",
    ],
)
def test_dates_that_do_not_exist_are_refused_not_rolled_over(text):
    with pytest.raises(ValueProblem, match="is not a date"):
        parse_date(text, "DMY" if text.startswith("31") else "MDY")


@given(st.integers(min_value=0, max_value=10**15))
def test_any_amount_reads_back_exactly(cents):
    assert parse_arr(f"${cents // 100:,}.{cents % 100:02d}") == cents
    assert parse_arr(f"USD {cents // 100:,}.{cents % 100:02d}") == cents


@pytest.mark.parametrize(
    "order, expected",
    [
        ("MDY", date(2026, 3, 4)),
        ("DMY", date(2026, 4, 3)),
    ],
)
def test_the_slash_form_follows_the_book_setting(book, tmp_path, order, expected):
    with book.writing() as session:
        set_setting(session, "import_date_order", order)
    text = "external_id,name,renewal_date,contract_start\nA-1,Acme,03/04/2026,03.04.2025\n"

    run_import(book, tmp_path, text)

    acme = accounts(book)["A-1"]
    assert acme.renewal_date == expected
    assert acme.contract_start == date(2025, 4, 3)  # the dotted form is always D.M.Y


@pytest.mark.parametrize(
    "segment, expected",
    [
        ("High Touch", Segment.HIGH_TOUCH),
        ("high_touch", Segment.HIGH_TOUCH),
        ("LOW-TOUCH", Segment.LOW_TOUCH),
        ("strategic", Segment.STRATEGIC),
    ],
)
def test_segments_in_friendly_spellings(book, tmp_path, segment, expected):
    run_import(book, tmp_path, f"external_id,name,segment\nA-1,Acme,{segment}\n")

    assert accounts(book)["A-1"].segment == expected


@pytest.mark.parametrize(
    "flag, expected",
    [
        ("yes", True),
        ("No", False),
        ("TRUE", True),
        ("false", False),
        ("1", True),
        ("0", False),
        ("y", True),
        ("n", False),
    ],
)
def test_auto_renew_yes_and_no(book, tmp_path, flag, expected):
    run_import(book, tmp_path, f"external_id,name,auto_renew\nA-1,Acme,{flag}\n")

    assert accounts(book)["A-1"].auto_renew is expected


def test_defaults_for_a_new_account(book, tmp_path):
    run_import(book, tmp_path, "external_id,name,segment,arr,status\nA-1,Acme,,,\n")

    acme = accounts(book)["A-1"]
    assert (acme.segment, acme.status, acme.currency, acme.arr_cents) == (
        Segment.LOW_TOUCH,
        AccountStatus.ACTIVE,
        "USD",
        0,
    )
    assert (acme.licenses, acme.auto_renew, acme.parent_id) == (0, False, None)


# Refusals: all or nothing --------------------------------------------------------------

GOOD_ROW = "G-1,Good Co,100,2026-01-01,2027-01-01,\n"
HEADER = "Account ID,Account Name,ARR,Contract Start Date,Renewal Date,Parent Account ID\n"


@pytest.mark.parametrize(
    "bad_row, problem",
    [
        (
            "B-1,Bad Co,100,2026-01-01,31/02/2026,",
            Problem(3, "Renewal Date", "'31/02/2026' is not a date"),
        ),
        (
            "B-1,Bad Co,-100,2026-01-01,2027-01-01,",
            Problem(3, "ARR", "'-100' is negative: ARR cannot be less than 0"),
        ),
        (
            "G-1,Good again,100,2026-01-01,2027-01-01,",
            Problem(3, "Account ID", "'G-1' appears already in row 2"),
        ),
        (
            "B-1,Bad Co,100,2026-01-01,2025-12-31,",
            Problem(
                3,
                "Renewal Date",
                "the renewal date 2025-12-31 is before the contract start 2026-01-01",
            ),
        ),
        (
            "B-1,Bad Co,100,2026-01-01,2027-01-01,NOPE",
            Problem(3, "Parent Account ID", "'NOPE' is not an account in the book or in this file"),
        ),
        (
            "B-1,,100,2026-01-01,2027-01-01,",
            Problem(3, "Account Name", "is empty, and every account needs one"),
        ),
        (
            ",Bad Co,100,2026-01-01,2027-01-01,",
            Problem(3, "Account ID", "is empty, and every account needs one"),
        ),
        (
            "B-1,Bad Co,lots,2026-01-01,2027-01-01,",
            Problem(3, "ARR", "'lots' is not an amount of money"),
        ),
        (
            "B-1,Bad Co,100,2026-01-01,2027-01-01,B-1",
            Problem(3, "Parent Account ID", "an account cannot be its own parent"),
        ),
    ],
)
def test_one_bad_row_and_nothing_is_written(book, tmp_path, bad_row, problem):
    report = run_import(book, tmp_path, HEADER + GOOD_ROW + bad_row + "\n")

    assert report.refused == [problem]
    assert (report.imported, report.updated) == (0, 0)
    assert count_accounts(book) == 0
    assert report.summary() == (
        "Nothing imported: 1 problem in 1 row (fix them, or use --valid-rows-only)."
    )


def test_a_problem_reads_as_row_field_and_message():
    problem = Problem(14, "Renewal Date", "'31/02/2026' is not a date")

    assert str(problem) == "row 14, Renewal Date: '31/02/2026' is not a date"
    assert problem.as_json() == {
        "row": 14,
        "field": "Renewal Date",
        "message": "'31/02/2026' is not a date",
    }


def test_a_canonical_field_name_stands_in_for_a_missing_column(book, tmp_path):
    run_import(book, tmp_path, "external_id,name,contract_start\nA-1,Acme,2026-06-01\n")

    report = run_import(book, tmp_path, "external_id,name,renewal_date\nA-1,Acme,2026-01-01\n")
    assert report.refused[0].field == "renewal_date"

    report = run_import(book, tmp_path, "external_id,name,contract_start\nA-1,Acme,2027-06-01\n")
    assert report.refused == []  # no renewal date stored, nothing to be before


def test_row_numbers_count_blank_lines_like_a_spreadsheet(book, tmp_path):
    report = run_import(book, tmp_path, "external_id,name,arr\n\nA-1,Acme,1\n,,\nA-2,Beta,x\n")

    assert [(p.row, p.field) for p in report.refused] == [(5, "arr")]


def test_every_problem_of_a_row_is_reported(book, tmp_path):
    report = run_import(
        book, tmp_path, "external_id,name,arr,segment,term_months\nA-1,Acme,-1,gold,0\n"
    )

    assert [p.field for p in report.refused] == ["arr", "segment", "term_months"]
    assert report.summary().startswith("Nothing imported: 3 problems in 1 row")


def test_valid_rows_only_writes_the_valid_rows(book, tmp_path):
    text = HEADER + GOOD_ROW + "B-1,Bad Co,-1,,,\nC-1,Child,5,,,G-1\nD-1,Orphan,5,,,B-1\n"

    report = run_import(book, tmp_path, text, valid_rows_only=True)

    assert set(accounts(book)) == {"G-1", "C-1"}
    assert (report.imported, report.updated) == (2, 0)
    assert [(p.row, p.field) for p in report.refused] == [(3, "ARR"), (5, "Parent Account ID")]
    assert report.refused[1].message == "its parent 'B-1' is refused in row 3"
    assert (
        report.summary() == "Imported 2 new accounts and updated 0; refused 2 rows with 2 problems."
    )


def test_a_loop_of_parents_is_refused(book, tmp_path):
    report = run_import(
        book, tmp_path, "external_id,name,parent_external_id\nA-1,A,B-1\nB-1,B,A-1\nC-1,C,A-1\n"
    )

    assert [(p.row, p.message) for p in report.refused][:2] == [
        (2, "'B-1' would make a loop of parent accounts"),
        (3, "'A-1' would make a loop of parent accounts"),
    ]
    assert count_accounts(book) == 0


def test_a_child_may_come_before_its_parent_in_the_file(book, tmp_path):
    run_import(book, tmp_path, "external_id,name,parent_external_id\nC-1,Child,P-1\nP-1,Parent,\n")

    found = accounts(book)
    assert found["C-1"].parent_id == found["P-1"].id


# Re-import -----------------------------------------------------------------------------


def test_reimport_updates_by_external_id_and_leaves_absent_columns_alone(book, tmp_path):
    run_import(book, tmp_path, CANONICAL)
    before = accounts(book)["A-1"]

    report = run_import(
        book,
        tmp_path,
        'Account ID,Account Name,ARR,Industry\nA-1,Acme,"$2,000",\nA-3,,5,\n',
        valid_rows_only=True,
    )

    assert report.refused[0].message == "is empty, and every account needs one"  # no name
    after = accounts(book)["A-1"]
    assert (report.imported, report.updated) == (0, 1)
    assert count_accounts(book) == 2
    assert after.id == before.id and after.arr_cents == 200000
    assert after.industry == "Software"  # an empty cell leaves the stored value
    assert (after.name, after.renewal_date, after.csm_id) == (
        "Acme",
        before.renewal_date,
        before.csm_id,
    )
    assert after.entered_book_on == TODAY


def test_reimporting_the_same_file_duplicates_nothing(book, tmp_path):
    run_import(book, tmp_path, CANONICAL)
    report = run_import(book, tmp_path, CANONICAL)

    assert (report.imported, report.updated) == (0, 2)
    assert count_accounts(book) == 2
    with book.session() as session:
        assert session.scalar(select(func.count(Person.id))) == 3
    assert report.summary() == "Imported 0 new accounts and updated 2."


# Owners --------------------------------------------------------------------------------


def test_owners_are_found_by_email_then_by_name(book, tmp_path):
    with book.writing() as session:
        jane = add_person(session, "Jane Doe", "jane@example.com", PersonRole.CSM).id
        rex = add_person(session, "Rex King", None, PersonRole.RE_MANAGER).id
    text = "external_id,name,csm,re_manager,ae\nA-1,Acme,JANE@example.com,rex king,Jane Doe\n"

    report = run_import(book, tmp_path, text)

    acme = accounts(book)["A-1"]
    assert (acme.csm_id, acme.re_manager_id, acme.ae_id) == (jane, rex, jane)
    assert report.people_added == []


def test_new_owners_are_created_once_with_the_role_of_their_column(book, tmp_path):
    text = (
        "external_id,name,csm,ae\n"
        "A-1,Acme,new.person@example.com,Al Gore\n"
        "A-2,Beta,New.Person@example.com,al gore\n"
        "A-3,Gamma,New Person,new.person@example.com\n"
    )

    report = run_import(book, tmp_path, text)

    with book.session() as session:
        people = session.scalars(select(Person).order_by(Person.id)).all()
    assert [(p.name, p.email, p.role) for p in people] == [
        ("New Person", "new.person@example.com", PersonRole.CSM),
        ("Al Gore", None, PersonRole.AE),
    ]
    found = accounts(book)
    assert {found[x].csm_id for x in found} == {people[0].id}
    assert found["A-3"].ae_id == people[0].id
    assert report.people_added == ["New Person", "Al Gore"]
    assert "Added 2 people: New Person, Al Gore." in report.summary()


def test_nobody_is_created_when_the_import_is_refused(book, tmp_path):
    run_import(book, tmp_path, "external_id,name,csm,arr\nA-1,Acme,someone@example.com,-1\n")

    with book.session() as session:
        assert session.scalar(select(func.count(Person.id))) == 0


# Strategic accounts --------------------------------------------------------------------


def overrides(book, account_id):
    with book.session() as session:
        return session.scalar(select(func.count()).where(RaciOverride.account_id == account_id))


def test_strategic_accounts_get_the_override_and_lose_it_when_they_leave(book, tmp_path):
    run_import(book, tmp_path, "external_id,name,segment\nS-1,Big,Strategic\nL-1,Small,\n")
    big, small = accounts(book)["S-1"], accounts(book)["L-1"]
    assert overrides(book, big.id) > 0 and overrides(book, small.id) == 0

    run_import(book, tmp_path, "external_id,name\nS-1,Big renamed\n")  # no segment column
    assert overrides(book, big.id) > 0

    run_import(
        book, tmp_path, "external_id,name,segment\nS-1,Big,high-touch\nL-1,Small,strategic\n"
    )
    assert overrides(book, big.id) == 0 and overrides(book, small.id) > 0


# Files ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, encoding",
    [
        ("\ufeffAccount ID,Account Name\nA-1,Café Zoë\n", "utf-8"),  # Excel's "CSV UTF-8"
        ("Account ID,Account Name\nA-1,Café Zoë\n", "cp1252"),  # Excel's plain "CSV" on Windows
        ("Account ID;Account Name;ARR\nA-1;Café Zoë;1\n", "utf-8"),  # a European Excel
        ("Account ID\tAccount Name\nA-1\tCafé Zoë\n", "utf-16"),  # Excel's "Unicode text"
        ('Account ID,Account Name\r\nA-1,"Café Zoë"\r\n', "utf-8"),
    ],
)
def test_encodings_and_delimiters(book, tmp_path, text, encoding):
    report = import_accounts(book, write_csv(tmp_path, text, encoding=encoding), today=TODAY)

    assert report.refused == []
    assert accounts(book)["A-1"].name == "Café Zoë"


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "is empty"),
        (b"\n\n", "is empty"),
        (b",,,\n,,\n", "has no header row"),
        (b"PK\x03\x04 zip", "Excel workbook"),
        (b"SQLite format 3\x00\x00\x01", "not a text file"),
    ],
)
def test_files_that_cannot_be_read(book, tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)

    with pytest.raises(ImportFileError, match=message):
        import_accounts(book, path, today=TODAY)


def test_a_missing_file(book, tmp_path):
    with pytest.raises(ImportFileError, match="There is no file"):
        import_accounts(book, tmp_path / "nope.csv", today=TODAY)


def test_a_file_with_headers_only(book, tmp_path):
    report = run_import(book, tmp_path, "external_id,name\n")

    assert (report.imported, report.refused) == (0, [])
    assert report.summary() == "Nothing imported: the file has no account rows."


# For the wizard: check first, progress, cancel ------------------------------------------


def test_the_check_writes_nothing_and_shows_each_row(book, tmp_path):
    table = read_table(write_csv(tmp_path, HEADER + GOOD_ROW + "B-1,Bad,-1,,,\n"))
    columns = match_columns(table.headers, ACCOUNT_FIELDS)
    with book.session() as session:
        check = check_accounts(session, table, columns)

    assert [row.number for row in check.rows] == [2, 3]
    assert check.rows[0].values["arr_cents"] == 10000 and check.rows[1].problems
    assert [row.external_id for row in check.valid_rows] == ["G-1"]
    assert count_accounts(book) == 0


def test_progress_runs_to_the_end(book, tmp_path):
    seen = []
    run_import(book, tmp_path, CANONICAL, progress=lambda done, total: seen.append((done, total)))

    assert seen[-1] == (4, 4)
    assert all(total == 4 for _, total in seen)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_cancel_writes_nothing(book, tmp_path):
    with pytest.raises(ImportCancelled):
        run_import(book, tmp_path, CANONICAL, cancelled=lambda: True)

    assert count_accounts(book) == 0


def test_cancel_during_the_write_rolls_back(book, tmp_path):
    calls = []

    def cancel_late():
        calls.append(1)
        return len(calls) > 2  # after the check, once the write has begun

    with pytest.raises(ImportCancelled):
        run_import(book, tmp_path, CANONICAL, cancelled=cancel_late)

    assert count_accounts(book) == 0
    with book.session() as session:
        assert session.scalar(select(func.count(Person.id))) == 0


# The command line ------------------------------------------------------------------------


def test_cli_imports_and_prints_json(tmp_path, capsys):
    db = tmp_path / "cli.db"
    path = write_csv(tmp_path, CANONICAL)

    code = cli_main(["import", "accounts", str(path), "--db", str(db), "--json"])

    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert out == {
        "entity": "accounts",
        "rows": 2,
        "imported": 2,
        "updated": 0,
        "refused": [],
        "ignored_columns": [],
        "custom_fields": [],
        "people_added": ["Jane Doe", "Rita Renewals", "Sam Sales"],
        "ctas_raised": 0,
        "org_model_note": None,
    }


def test_cli_refusal_exits_non_zero_with_the_problems(tmp_path, capsys):
    db = tmp_path / "cli.db"
    path = write_csv(tmp_path, HEADER + GOOD_ROW + "B-1,Bad Co,100,2026-01-01,31/02/2026,\n")

    code = cli_main(["import", "accounts", str(path), "--db", str(db), "--json"])

    out = json.loads(capsys.readouterr().out)
    assert code != 0
    assert out["imported"] == 0 and out["refused"] == [
        {"row": 3, "field": "Renewal Date", "message": "'31/02/2026' is not a date"}
    ]

    code = cli_main(["import", "accounts", str(path), "--db", str(db)])
    lines = capsys.readouterr().out.splitlines()
    assert code != 0
    assert lines == [
        "Nothing imported: 1 problem in 1 row (fix them, or use --valid-rows-only).",
        "  row 3, Renewal Date: '31/02/2026' is not a date",
    ]

    code = cli_main(["import", "accounts", str(path), "--db", str(db), "--valid-rows-only"])
    assert code != 0 and "Imported 1 new account and updated 0" in capsys.readouterr().out


def test_cli_map_option(tmp_path, capsys):
    db = tmp_path / "cli.db"
    path = write_csv(tmp_path, "Cust #,Customer\nA-1,Acme\n")

    code = cli_main(
        ["import", "accounts", str(path), "--db", str(db), "--json", "--map", "Cust #=external_id"]
    )

    assert code == 0 and json.loads(capsys.readouterr().out)["imported"] == 1


@pytest.mark.parametrize(
    "make_file, message",
    [
        (lambda tmp_path: tmp_path / "missing.csv", "there is no file"),
        (lambda tmp_path: write_csv(tmp_path, "Name\nAcme\n"), "no external_id column"),
    ],
)
def test_cli_unreadable_file_is_one_error_line(tmp_path, capsys, make_file, message):
    code = cli_main(
        ["import", "accounts", str(make_file(tmp_path)), "--db", str(tmp_path / "cli.db")]
    )

    err = capsys.readouterr().err
    assert code != 0
    assert len(err.strip().splitlines()) == 1 and message in err and err.startswith("error: ")
    assert not (tmp_path / "cli.db").exists()  # a bad file creates no book


# A big import drops the plain indexes and builds them again ------------------------------


def big_file(rows):
    header = CANONICAL.splitlines()[0]
    lines = [
        f"B-{n},Big {n},,low-touch,,100,USD,1,1,,2027-01-01,12,no,active,,," for n in range(rows)
    ]
    return "\n".join([header, *lines]) + "\n"


def account_indexes(book):
    return sorted(
        (index["name"], tuple(index["column_names"]))
        for index in inspect(book.engine).get_indexes("accounts")
    )


def test_a_big_import_leaves_every_index_in_place(book, tmp_path):
    before = account_indexes(book)

    report = run_import(book, tmp_path, big_file(REBUILD_INDEXES_AT))

    assert report.imported == REBUILD_INDEXES_AT
    assert account_indexes(book) == before
    assert count_accounts(book) == REBUILD_INDEXES_AT


def test_a_big_import_cancelled_while_writing_leaves_every_index_in_place(book, tmp_path):
    before = account_indexes(book)
    writing = []

    def progress(done, total):
        if done > total // 2:  # the second half of the steps is the write
            writing.append(done)

    with pytest.raises(ImportCancelled):
        run_import(
            book,
            tmp_path,
            big_file(REBUILD_INDEXES_AT),
            progress=progress,
            cancelled=lambda: bool(writing),
        )

    assert account_indexes(book) == before
    assert count_accounts(book) == 0
