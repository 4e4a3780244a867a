"""Creating and editing an account from what a user types, checked as the import checks."""

from datetime import date, timedelta

import pytest

from cswork.account_edits import (
    AccountEditError,
    account_values,
    create_account,
    remove_new_account,
    restore_account,
    update_account,
)
from cswork.audit import StaleEdit, changes_on_account
from cswork.enums import AccountStatus, Segment
from cswork.models import Account
from tests.conftest import TODAY
from tests.factories import add_account, add_people


@pytest.fixture
def acme(book):
    people = add_people(book)
    account_id = add_account(
        book,
        TODAY,
        120,
        external_id="001Dn00000Acme",
        name="Acme Corp",
        contract_start=TODAY - timedelta(days=245),
        term_months=12,
    )
    return account_id, people


def edit(book, account_id, **kwargs):
    values = kwargs.pop("values")
    with book.writing() as session:
        return update_account(session, account_id, values, **kwargs)


def stored(book, account_id) -> Account:
    with book.session() as session:
        account = session.get(Account, account_id)
        session.expunge(account)
        return account


def test_an_edit_reads_crm_words_and_says_what_changed(book, acme):
    account_id, people = acme
    result = edit(
        book,
        account_id,
        values={
            "segment": "High Touch",
            "Contract End Date": "2027-03-31",  # a CRM's header for renewal_date
            "csm": "casey morgan",  # by name, any case
            "Account Owner": "alex@example.com",  # the AE, by email
            "arr": "$120,000",
            "auto_renew": "Yes",
            "term": "24",
            "status": "Live",
        },
    )

    account = stored(book, account_id)
    assert account.renewal_date == date(2027, 3, 31)
    assert (account.csm_id, account.ae_id) == (people["csm"], people["ae"])
    assert account.arr_cents == 12_000_000  # unchanged: no change is listed for it
    assert account.auto_renew and account.term_months == 24
    assert account.status == AccountStatus.ACTIVE
    changed = {c.field: (c.old, c.new) for c in result.changes}
    assert changed == {
        "renewal_date": ((TODAY + timedelta(days=120)).isoformat(), "2027-03-31"),
        "term_months": ("12", "24"),
        "auto_renew": ("no", "yes"),
        "csm": ("", "Casey Morgan"),
        "ae": ("", "Alex Edwards"),
    }
    # The audit trail names each change, as for every other edit.
    with book.session() as session:
        trail = {c.field for c in changes_on_account(session, account_id)}
    assert {"renewal_date", "csm_id", "ae_id", "term_months", "auto_renew"} <= trail


def test_every_bad_field_is_refused_at_once_and_nothing_is_written(book, acme):
    account_id, _ = acme
    with pytest.raises(AccountEditError) as refused:
        edit(
            book,
            account_id,
            values={
                "name": "Acme Renamed",
                "segment": "Enterprise",
                "csm": "Jane Doe",
                "renewal_date": "2026-02-30",
                "licenses": "-3",
                "currency": "dollars",
            },
        )

    problems = dict(refused.value.problems)
    assert problems == {
        "segment": "'Enterprise' is not one of high-touch, low-touch or strategic",
        "csm": "nobody in the book is 'Jane Doe' (add them with people add)",
        "renewal_date": "'2026-02-30' is not a date",
        "licenses": "'-3' is negative: it must be 0 or more",
        "currency": "'dollars' is not a currency code (use 3 letters, like USD)",
    }
    assert str(refused.value).splitlines()[0] == (
        "segment: 'Enterprise' is not one of high-touch, low-touch or strategic"
    )
    assert stored(book, account_id).name == "Acme Corp"  # the good field waits too


def test_a_misspelt_field_is_refused_and_a_custom_field_is_named_so(book, acme):
    account_id, _ = acme
    with pytest.raises(AccountEditError) as refused:
        edit(book, account_id, values={"segmnt": "strategic"})
    message = dict(refused.value.problems)["segmnt"]
    assert "did you mean segment?" in message and "field.segmnt" in message

    with pytest.raises(AccountEditError) as refused:
        edit(book, account_id, values={"Account ID": "NEW-ID"})
    assert dict(refused.value.problems) == {
        "Account ID": "the external id is how the account is found; it cannot change"
    }

    result = edit(book, account_id, values={"field.Region": "EMEA", "field.Tier": "Gold"})
    assert stored(book, account_id).custom_fields == {"Region": "EMEA", "Tier": "Gold"}
    assert [(c.field, c.new) for c in result.changes] == [
        ("field.Region", "EMEA"),
        ("field.Tier", "Gold"),
    ]
    edit(book, account_id, values={"field.Tier": ""})  # empty removes it
    assert stored(book, account_id).custom_fields == {"Region": "EMEA"}
    with book.session() as session:
        assert account_values(session, account_id)["field.Region"] == "EMEA"


def test_money_in_another_currency_is_refused_unless_the_currency_changes_too(book, acme):
    account_id, _ = acme
    with pytest.raises(AccountEditError) as refused:
        edit(book, account_id, values={"arr": "€120,000"})
    assert dict(refused.value.problems)["arr"] == (
        "'€120,000' is in EUR, but the account's currency is USD: "
        "give the amount in USD, or set currency too"
    )
    edit(book, account_id, values={"arr": "€120,000", "currency": "eur"})
    account = stored(book, account_id)
    assert (account.arr_cents, account.currency) == (12_000_000, "EUR")


def test_a_renewal_before_the_contract_start_is_refused(book, acme):
    account_id, _ = acme
    start = TODAY - timedelta(days=245)
    with pytest.raises(AccountEditError) as refused:
        edit(book, account_id, values={"renewal_date": (start - timedelta(days=1)).isoformat()})
    assert dict(refused.value.problems) == {
        "renewal_date": (
            f"the renewal date {start - timedelta(days=1)} is before the contract start {start}"
        )
    }


def test_a_parent_must_be_in_the_book_and_make_no_loop(book, acme):
    account_id, _ = acme
    division = add_account(book, TODAY, 90, external_id="ACME-EU", name="Acme Europe")
    edit(book, division, values={"parent": "001Dn00000Acme"})
    assert stored(book, division).parent_id == account_id

    for parent, message in [
        ("ACME-EU", "'ACME-EU' would make a loop of parent accounts"),
        ("001Dn00000Acme", "an account cannot be its own parent"),
        ("NOPE", "'NOPE' is not an account in the book"),
    ]:
        with pytest.raises(AccountEditError) as refused:
            edit(book, account_id, values={"Parent Account ID": parent})
        assert dict(refused.value.problems) == {"Parent Account ID": message}
    edit(book, division, values={"parent": ""})  # empty: no parent
    assert stored(book, division).parent_id is None


def test_an_edit_from_an_old_copy_says_who_changed_it(book, acme):
    account_id, people = acme
    version = stored(book, account_id).version
    book.actor_id = people["re"]
    edit(book, account_id, values={"industry": "Retail"})
    book.actor_id = people["csm"]

    with pytest.raises(StaleEdit) as stale:
        edit(book, account_id, values={"industry": "Media"}, expected_version=version)
    assert "Riley Evans changed industry of account Acme Corp" in str(stale.value)
    assert stored(book, account_id).industry == "Retail"


def test_an_edit_is_undone_with_what_it_returns(book, acme):
    account_id, _ = acme
    result = edit(
        book, account_id, values={"segment": "strategic", "re_manager": "riley@example.com"}
    )
    with book.writing() as session:
        restore_account(session, account_id, result.before)
    account = stored(book, account_id)
    assert (account.segment, account.re_manager_id) == (Segment.HIGH_TOUCH, None)


def test_a_new_account_needs_an_id_and_a_name_and_enters_the_book_today(book):
    with book.writing() as session, pytest.raises(AccountEditError) as refused:
        create_account(session, {"segment": "low-touch"}, TODAY)
    assert dict(refused.value.problems) == {
        "external_id": "is empty, and every account needs one",
        "name": "is empty, and every account needs a name",
    }

    with book.writing() as session:
        result = create_account(
            session,
            {
                "Account ID": "0015g00000XyZ",  # a CRM's header for external_id
                "name": "Globex",
                "arr": "€80,000",  # a new account takes the amount's currency
                "contract_start": "2025-04-01",
                "renewal_date": "2027-03-31",
                "field.Region": "EMEA",
            },
            TODAY,
        )
    account = stored(book, result.account_id)
    assert (account.arr_cents, account.currency) == (8_000_000, "EUR")
    assert account.segment == Segment.LOW_TOUCH  # the import's default
    assert account.entered_book_on == TODAY
    assert account.customer_since == date(2025, 4, 1)
    assert account.custom_fields == {"Region": "EMEA"}

    with book.writing() as session, pytest.raises(AccountEditError) as refused:
        create_account(session, {"external_id": "0015g00000XyZ", "name": "Again"}, TODAY)
    assert dict(refused.value.problems) == {
        "external_id": "'0015g00000XyZ' is already an account in the book"
    }
    with book.writing() as session:
        without_start = create_account(session, {"external_id": "N2", "name": "Initech"}, TODAY)
        remove_new_account(session, result.account_id)  # an undo of the creation
        assert session.get(Account, result.account_id) is None
    assert stored(book, without_start.account_id).customer_since == TODAY


def test_a_renewal_date_set_by_hand_brings_its_renewal_opportunity_at_once(book, acme):
    """GIVEN an account whose renewal has no opportunity WHEN its renewal date is set
    by hand THEN the generated renewal is there without waiting for a scan, and it
    moves with the date, and back again on undo."""
    from sqlalchemy import select

    from cswork.models import Opportunity

    account_id, _ = acme

    def renewal_closes() -> list[date]:
        with book.session() as session:
            return list(
                session.scalars(
                    select(Opportunity.close_date).where(
                        Opportunity.account_id == account_id, Opportunity.generated
                    )
                )
            )

    edit(book, account_id, values={"renewal_date": "2027-03-31"})
    assert renewal_closes() == [date(2027, 3, 31)]
    moved = edit(book, account_id, values={"renewal_date": "2027-06-30"})
    assert renewal_closes() == [date(2027, 6, 30)]
    with book.writing() as session:
        restore_account(session, account_id, moved.before)
    assert renewal_closes() == [date(2027, 3, 31)]


def test_someone_who_has_left_is_kept_but_not_chosen(book, acme):
    from cswork.models import Person

    account_id, people = acme
    edit(book, account_id, values={"csm": "casey@example.com"})
    with book.writing() as session:
        session.get(Person, people["csm"]).active = False
        session.get(Person, people["ae"]).active = False
    # The account keeps its CSM who left while another field changes...
    edit(book, account_id, values={"csm": "casey@example.com", "industry": "Retail"})
    # ...but a leaver is not given an account.
    with pytest.raises(AccountEditError) as refused:
        edit(book, account_id, values={"ae": "Alex Edwards"})
    assert dict(refused.value.problems) == {
        "ae": "Alex Edwards has left the team: choose someone on it, or reactivate them "
        "in Settings ▸ People"
    }
