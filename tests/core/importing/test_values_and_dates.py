"""A CRM's own words for our values (value mappings), and dates whose day/month
order is never guessed."""

from datetime import date

import pytest
from sqlalchemy import select

from cswork.enums import AccountStatus, ForecastCategory, OpportunityStage, Segment
from cswork.importing import (
    ACCOUNT_FIELDS,
    OPPORTUNITY_FIELDS,
    FoundValue,
    ImportFileError,
    Problem,
    found_values,
    import_accounts,
    import_opportunities,
    match_columns,
    parse_value_options,
    read_table,
    remembered_date_order,
    remembered_values,
)
from cswork.models import Opportunity
from cswork.settings import SettingError, check_setting, set_setting
from tests.factories import stored_accounts as accounts
from tests.factories import write

TODAY = date(2026, 11, 23)
SEGMENTS = {"Enterprise": "strategic", "Mid-Market": "high-touch", "SMB": "low-touch"}
CRM_ACCOUNTS = (
    "Account ID,Account Name,Segment,Status\n"
    "A-1,Acme,Enterprise,Customer\n"
    "A-2,Beta,Mid-Market,Churned\n"
    "A-3,Gamma,SMB,Customer\n"
    "A-4,Delta,smb,Active\n"
)


# Value mappings --------------------------------------------------------------------


def test_a_value_with_no_mapping_is_refused_naming_the_value_field_and_fix(book, tmp_path):
    report = import_accounts(book, write(tmp_path, CRM_ACCOUNTS), today=TODAY)

    assert not report.written
    assert report.refused[0] == Problem(
        2,
        "Segment",
        "'Enterprise' is not one of high-touch, low-touch or strategic; "
        'map it with --values "segment:Enterprise=..."',
    )
    assert {problem.row for problem in report.refused} == {2, 3, 4, 5}


def test_mapped_values_import_and_are_remembered(book, tmp_path):
    path = write(tmp_path, CRM_ACCOUNTS)

    report = import_accounts(book, path, today=TODAY, values={"segment": SEGMENTS})

    assert report.imported == 4 and not report.refused
    found = accounts(book)
    assert [found[key].segment for key in ("A-1", "A-2", "A-3", "A-4")] == [
        Segment.STRATEGIC,
        Segment.HIGH_TOUCH,
        Segment.LOW_TOUCH,
        Segment.LOW_TOUCH,  # 'smb': the mapping ignores case like the choices do
    ]
    # "Customer" and "Churned" are built-in aliases: no mapping needed
    assert found["A-2"].status == AccountStatus.CHURNED
    with book.session() as session:
        assert remembered_values(session, "accounts") == {"segment": SEGMENTS}
    # The next file from the same CRM needs no --values.
    again = import_accounts(book, path, today=TODAY)
    assert again.updated == 4 and not again.refused


def test_given_values_win_over_remembered_ones_and_win_over_aliases(book, tmp_path):
    path = write(tmp_path, CRM_ACCOUNTS)
    import_accounts(book, path, today=TODAY, values={"segment": SEGMENTS})

    # A mapping wins even over a value's own reading ("Active" and the alias "Customer").
    import_accounts(
        book,
        path,
        today=TODAY,
        values={
            "segment": {"smb": "high-touch"},
            "status": {"Active": "churned", "customer": "churned"},
        },
    )

    found = accounts(book)
    assert found["A-3"].segment == Segment.HIGH_TOUCH
    assert found["A-1"].segment == Segment.STRATEGIC  # still remembered
    assert found["A-1"].status == found["A-4"].status == AccountStatus.CHURNED
    with book.session() as session:
        remembered = remembered_values(session, "accounts")
    assert remembered["segment"] == {
        "Enterprise": "strategic",
        "Mid-Market": "high-touch",
        "smb": "high-touch",
    }


def test_a_given_mapping_to_no_choice_is_refused(book, tmp_path):
    with pytest.raises(
        ImportFileError,
        match="sends 'Customer' to 'onboarding', which is not one of active or churned",
    ):
        import_accounts(
            book,
            write(tmp_path, CRM_ACCOUNTS),
            today=TODAY,
            values={"status": {"Customer": "onboarding"}},
        )


def test_nothing_is_remembered_when_nothing_was_written(book, tmp_path):
    text = CRM_ACCOUNTS + "A-5,,SMB,Customer\n"  # no name: refused

    import_accounts(book, write(tmp_path, text), today=TODAY, values={"segment": SEGMENTS})

    with book.session() as session:
        assert remembered_values(session, "accounts") == {}


def test_opportunity_values_in_the_crm_s_words(book, tmp_path):
    import_accounts(book, write(tmp_path, "Account ID,Account Name\nA-1,Acme\n"), today=TODAY)
    text = (
        "Account ID,Opportunity Name,Type,Stage,Forecast Category,Amount,Close Date\n"
        "A-1,Acme renewal,Renewal,Closed Won,Omitted,100,2026-06-30\n"
        "A-1,Acme seats,Existing Business,Negotiation,Commit,200,2027-01-31\n"
        "A-1,Acme pilot,Existing Business,Verbal Yes,Best Case,300,2027-02-28\n"
    )
    path = write(tmp_path, text, "deals.csv")

    refused = import_opportunities(book, path, today=TODAY)
    assert [str(problem) for problem in refused.refused] == [
        "row 3, Type: 'Existing Business' is not one of renewal, upsell, cross-sell, "
        "new division, services one-time or services managed; "
        'map it with --values "kind:Existing Business=..."',
        "row 4, Type: 'Existing Business' is not one of renewal, upsell, cross-sell, "
        "new division, services one-time or services managed; "
        'map it with --values "kind:Existing Business=..."',
        "row 4, Stage: 'Verbal Yes' is not one of open, won or lost; "
        'map it with --values "stage:Verbal Yes=..."',
    ]

    report = import_opportunities(
        book,
        path,
        today=TODAY,
        values={"kind": {"Existing Business": "upsell"}, "stage": {"Verbal Yes": "open"}},
    )

    assert report.imported == 3
    with book.session() as session:
        deals = {o.name: o for o in session.scalars(select(Opportunity))}
    assert deals["Acme renewal"].stage == OpportunityStage.WON
    assert deals["Acme seats"].forecast_category == ForecastCategory.COMMIT
    assert deals["Acme pilot"].forecast_category == ForecastCategory.BEST_CASE


def test_a_currency_in_words_is_mapped_to_its_code(book, tmp_path):
    text = "Account ID,Account Name,Currency\nA-1,Acme,US Dollar\n"

    refused = import_accounts(book, write(tmp_path, text), today=TODAY)
    assert 'map it with --values "currency:US Dollar=..."' in refused.refused[0].message
    import_accounts(
        book, write(tmp_path, text), today=TODAY, values={"currency": {"US Dollar": "usd"}}
    )

    assert accounts(book)["A-1"].currency == "USD"


@pytest.mark.parametrize(
    "texts, message",
    [
        (["segment"], 'takes "field:Value=choice;Value=choice"'),
        (["sgment:Enterprise=strategic"], "names 'sgment', which is not an account field"),
        (["industry:Tech=Software"], "names industry, which takes any value rather than"),
        (["segment:Enterprise"], "takes Value=choice pairs split by ';', not 'Enterprise'"),
        (["segment:Enterprise=gold"], "maps 'Enterprise' to 'gold', which is not one of"),
    ],
)
def test_a_bad_values_option_is_one_clear_line(texts, message):
    with pytest.raises(ImportFileError, match=message) as raised:
        parse_value_options(texts, ACCOUNT_FIELDS)
    assert "\n" not in str(raised.value)


def test_values_options_name_the_field_by_any_of_its_names():
    assert parse_value_options(
        ["Customer Segment:Enterprise=Strategic;SMB=low touch", "status:Customer=live"],
        ACCOUNT_FIELDS,
    ) == {
        "segment": {"Enterprise": "strategic", "SMB": "low-touch"},
        "status": {"Customer": "active"},
    }


def test_found_values_lists_each_choice_column_with_counts_and_readings(tmp_path):
    table = read_table(write(tmp_path, CRM_ACCOUNTS), ACCOUNT_FIELDS)
    columns = match_columns(table.headers, ACCOUNT_FIELDS)

    found = found_values(table, columns, ACCOUNT_FIELDS, {"segment": {"Enterprise": "strategic"}})

    segment, status = found
    assert (segment.field, segment.header) == ("segment", "Segment")
    assert segment.choices == ("high-touch", "low-touch", "strategic")
    assert segment.values == [
        FoundValue("SMB", 2, None, False),
        FoundValue("Enterprise", 1, "strategic", True),
        FoundValue("Mid-Market", 1, None, False),
    ]
    assert status.values == [
        FoundValue("Customer", 2, "active", False),
        FoundValue("Churned", 1, "churned", False),
        FoundValue("Active", 1, "active", False),
    ]


def test_found_values_for_opportunities_cover_kind_stage_and_forecast(tmp_path):
    text = "Account ID,Type,Stage,Forecast Category\nA-1,New Business,Closed Lost,Omitted\n"
    table = read_table(write(tmp_path, text), OPPORTUNITY_FIELDS)
    columns = match_columns(table.headers, OPPORTUNITY_FIELDS)

    found = {
        column.field: column.values[0]
        for column in found_values(table, columns, OPPORTUNITY_FIELDS)
    }

    assert found == {
        "kind": FoundValue("New Business", 1, None, False),
        "stage": FoundValue("Closed Lost", 1, "lost", False),
        "forecast_category": FoundValue("Omitted", 1, "omitted", False),
    }


def test_the_import_values_setting_is_checked():
    check_setting("import_values", {"accounts": {"segment": {"SMB": "low-touch"}}})
    for bad in (
        {"deals": {}},
        {"accounts": {"segment": "low-touch"}},
        {"accounts": {"segment": {"": "x"}}},
    ):
        with pytest.raises(SettingError):
            check_setting("import_values", bad)


# Dates -------------------------------------------------------------------------------

AMBIGUOUS = "Account ID,Account Name,Renewal Date\nA-1,Acme,03/04/2027\nA-2,Beta,05/06/2027\n"


def test_an_ambiguous_file_is_refused_naming_the_choice(book, tmp_path):
    with pytest.raises(ImportFileError) as raised:
        import_accounts(book, write(tmp_path, AMBIGUOUS), today=TODAY)

    assert str(raised.value) == (
        "The dates in Renewal Date are ambiguous (03/04/2027 is March 4 or 3 April); "
        "say which with --date-order mdy or --date-order dmy."
    )
    assert accounts(book) == {}


@pytest.mark.parametrize("order, expected", [("MDY", date(2027, 3, 4)), ("DMY", date(2027, 4, 3))])
def test_the_order_given_reads_the_file_and_is_remembered(book, tmp_path, order, expected):
    import_accounts(book, write(tmp_path, AMBIGUOUS), today=TODAY, date_order=order)

    assert accounts(book)["A-1"].renewal_date == expected
    with book.session() as session:
        assert remembered_date_order(session) == order
    # The book remembers it: the next file of the same kind needs no order.
    text = "Account ID,Account Name,Renewal Date\nA-1,Acme,03/04/2028\n"
    import_accounts(book, write(tmp_path, text), today=TODAY)
    assert accounts(book)["A-1"].renewal_date == expected.replace(year=2028)


def test_the_order_given_wins_over_the_remembered_one(book, tmp_path):
    with book.writing() as session:
        set_setting(session, "import_date_order", "MDY")

    import_accounts(book, write(tmp_path, AMBIGUOUS), today=TODAY, date_order="DMY")

    assert accounts(book)["A-1"].renewal_date == date(2027, 4, 3)


def test_a_file_whose_dates_read_one_way_only_settles_its_order(book, tmp_path):
    text = AMBIGUOUS + "A-3,Gamma,31/03/2027\n"

    import_accounts(book, write(tmp_path, text), today=TODAY)

    found = accounts(book)
    assert found["A-1"].renewal_date == date(2027, 4, 3)  # day first, like 31/03
    assert found["A-3"].renewal_date == date(2027, 3, 31)
    with book.session() as session:
        assert remembered_date_order(session) is None  # the file said it, not the user


def test_unambiguous_files_import_as_before(book, tmp_path):
    text = (
        "Account ID,Account Name,Contract Start Date,Renewal Date\n"
        'A-1,Acme,2026-04-03,"Nov 22, 2026"\n'
        "A-2,Beta,03.04.2026,22 November 2027\n"
        "A-3,Gamma,05/05/2026,2027-05-05\n"
    )

    report = import_accounts(book, write(tmp_path, text), today=TODAY)

    assert report.imported == 3 and not report.refused
    assert accounts(book)["A-2"].contract_start == date(2026, 4, 3)


def test_a_file_mixing_orders_refuses_its_dates_cell_by_cell(book, tmp_path):
    text = AMBIGUOUS + "A-3,Gamma,31/03/2027\nA-4,Delta,12/25/2027\nA-5,Eta,2027-01-31\n"

    report = import_accounts(book, write(tmp_path, text), today=TODAY)

    assert [str(problem) for problem in report.refused] == [
        "row 2, Renewal Date: '03/04/2027' is March 4 or 3 April; "
        "say which with --date-order mdy or --date-order dmy",
        "row 3, Renewal Date: '05/06/2027' is May 6 or 5 June; "
        "say which with --date-order mdy or --date-order dmy",
        "row 4, Renewal Date: '31/03/2027' and other dates of this file read in opposite "
        "orders; say which with --date-order mdy or --date-order dmy",
        "row 5, Renewal Date: '12/25/2027' and other dates of this file read in opposite "
        "orders; say which with --date-order mdy or --date-order dmy",
    ]
    # Given an order, the dates that do not fit it are the usual problem.
    ordered = import_accounts(book, write(tmp_path, text), today=TODAY, date_order="DMY")
    assert [str(problem) for problem in ordered.refused] == [
        "row 5, Renewal Date: '12/25/2027' is not a date"
    ]


def test_ymd_reads_year_first_dates_and_refuses_year_last_ones(book, tmp_path):
    text = "Account ID,Account Name,Renewal Date\nA-1,Acme,2027/04/03\nA-2,Beta,03/04/2027\n"

    report = import_accounts(book, write(tmp_path, text), today=TODAY, date_order="YMD")

    assert [str(problem) for problem in report.refused] == [
        "row 3, Renewal Date: '03/04/2027' is not a date in year-month-day order"
    ]
    ok = import_accounts(
        book, write(tmp_path, text[: text.index("A-2")]), today=TODAY, date_order="ymd".upper()
    )
    assert ok.imported == 1 and accounts(book)["A-1"].renewal_date == date(2027, 4, 3)


def test_opportunity_close_dates_follow_the_same_rule(book, tmp_path):
    import_accounts(book, write(tmp_path, "Account ID,Account Name\nA-1,Acme\n"), today=TODAY)
    text = "Account ID,Type,Close Date\nA-1,upsell,03/04/2027\n"

    with pytest.raises(ImportFileError, match="The dates in Close Date are ambiguous"):
        import_opportunities(book, write(tmp_path, text, "o.csv"), today=TODAY)


def test_the_date_order_setting_is_checked():
    for good in (None, "MDY", "DMY", "YMD"):
        check_setting("import_date_order", good)
    with pytest.raises(SettingError):
        check_setting("import_date_order", "dmy")
