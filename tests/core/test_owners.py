"""Nobody owns nothing: the fallback chain for who is accountable, the renewal
opportunity every renewing account has, and the scan that follows an import."""

from datetime import timedelta

from sqlalchemy import select

from cswork.accounts import account_overview
from cswork.alerts.scan import scan
from cswork.comp import Quarter
from cswork.comp_book import book_quarter
from cswork.ctas import list_ctas
from cswork.enums import CtaType, ForecastCategory, OpportunityKind, OpportunityStage, PersonRole
from cswork.importing import import_accounts, import_opportunities
from cswork.metrics import metrics
from cswork.models import Account, Opportunity, Person
from cswork.opportunities import (
    close_opportunity,
    create_opportunity,
    ensure_renewal_opportunities,
    reopen_opportunity,
)
from cswork.raci import AccountableIndex, accountable_with_fallback
from tests.conftest import TODAY
from tests.factories import add_account, add_people

# A Salesforce account report: CSMs by name, no R&E manager and no AE column.
SALESFORCE_ACCOUNTS = (
    "Account ID,Account Name,Annual Recurring Revenue,Renewal Date,Customer Success Manager\n"
    f'001A,Acme Corp,"$120,000.00",{TODAY + timedelta(days=30)},Jane Doe\n'
    f"001B,Beta LLC,48000,{TODAY + timedelta(days=75)},Omar Haddad\n"
    f"001C,Gamma Inc,9000,{TODAY + timedelta(days=200)},Jane Doe\n"
)


def add_person(book, name, role, **fields) -> int:
    with book.writing() as session:
        person = Person(name=name, role=role, **fields)
        session.add(person)
        session.flush()
        return person.id


def owners_of_renewal(book, account_id):
    with book.session() as session:
        account = session.get(Account, account_id)
        person, why = accountable_with_fallback(session, "renewal", account)
        index = AccountableIndex(session)
        assert index.resolve("renewal", account) == (person.id if person else None, why)
        return (person.id if person else None), why


def test_no_re_manager_routes_the_renewal_to_the_csm_and_says_so(book):
    people = add_people(book)
    account_id = add_account(book, TODAY, csm_id=people["csm"], ae_id=people["ae"])

    assert owners_of_renewal(book, account_id) == (
        people["csm"],
        "no R&E manager on this account: routed to the CSM",
    )
    with book.session() as session:  # the Customer360's "accountable" line
        assert account_overview(session, account_id, TODAY).accountable("renewal").name == (
            "Casey Morgan"
        )


def test_the_chain_goes_on_to_the_ae_then_the_first_cs_leader(book):
    people = add_people(book)
    second_leader = add_person(book, "Zoe Leader", PersonRole.CS_LEADER)
    first_leader = add_person(book, "Yann Leader", PersonRole.CS_LEADER)
    only_ae = add_account(book, TODAY, ae_id=people["ae"])
    nobody = add_account(book, TODAY)

    assert owners_of_renewal(book, only_ae) == (
        people["ae"],
        "no R&E manager or CSM on this account: routed to the AE",
    )
    # Several CS leaders: the first added (lowest id) takes it.
    assert second_leader < first_leader
    assert owners_of_renewal(book, nobody)[0] == second_leader
    assert "routed to the CS leader" in owners_of_renewal(book, nobody)[1]


def test_a_person_no_longer_active_is_skipped_like_a_missing_one(book):
    people = add_people(book)
    account_id = add_account(
        book, TODAY, csm_id=people["csm"], re_manager_id=people["re"], ae_id=people["ae"]
    )
    assert owners_of_renewal(book, account_id) == (people["re"], None)
    with book.writing() as session:
        session.get(Person, people["re"]).active = False

    person_id, why = owners_of_renewal(book, account_id)
    assert person_id == people["csm"]
    assert why == "the R&E manager on this account is not active: routed to the CSM"


def test_the_renewal_cta_and_comp_credit_go_to_the_csm(book):
    people = add_people(book)
    account_id = add_account(book, TODAY, days_to_renewal=30, csm_id=people["csm"])

    result = scan(book, TODAY)

    with book.session() as session:
        mine = list_ctas(session, owner_id=people["csm"])
        renewal = next(c for c in mine if c.type == CtaType.RENEWAL)
        assert renewal.account_id == account_id
        assert "No R&E manager on this account: routed to the CSM." in renewal.reason
        assert list_ctas(session, owner_id=None) == mine  # nothing owned by nobody
        credit = book_quarter(session, people["csm"], Quarter.of(TODAY + timedelta(days=30)))
        assert credit.eligible_count == 1
        assert credit.eligible_in("USD") == 12_000_000
    assert result.renewals_opened_for == [account_id]


def test_a_book_with_no_owner_gives_the_cs_leader_the_renewal_and_its_credit(book):
    leader = add_person(book, "Lee Leader", PersonRole.CS_LEADER)
    add_account(book, TODAY, days_to_renewal=30)

    scan(book, TODAY)

    with book.session() as session:
        assert CtaType.RENEWAL in {c.type for c in list_ctas(session, owner_id=leader)}
        assert list_ctas(session, owner_id=None) == list_ctas(session, owner_id=leader)
        credit = book_quarter(session, leader, Quarter.of(TODAY + timedelta(days=30)))
        assert credit.eligible_count == 1


# -- a renewal opportunity for every renewing account ----------------------------------
def renewals_of(book, account_id):
    with book.session() as session:
        return session.execute(
            select(
                Opportunity.close_date,
                Opportunity.stage,
                Opportunity.generated,
                Opportunity.target_cents,
                Opportunity.forecast_category,
                Opportunity.owner_id,
            )
            .where(
                Opportunity.account_id == account_id,
                Opportunity.kind == OpportunityKind.RENEWAL,
            )
            .order_by(Opportunity.close_date)
        ).all()


def test_every_active_renewing_account_gets_one_renewal_opportunity(book):
    people = add_people(book)
    renewing = add_account(book, TODAY, days_to_renewal=45, csm_id=people["csm"])
    churned = add_account(book, TODAY, days_to_renewal=45, status="churned")
    undated = add_account(book, TODAY, days_to_renewal=None)
    has_one = add_account(book, TODAY, days_to_renewal=45)
    with book.writing() as session:  # an open renewal on another day is not doubled
        create_opportunity(
            session, has_one, OpportunityKind.RENEWAL, close_date=TODAY + timedelta(days=50)
        )

    with book.writing() as session:
        assert ensure_renewal_opportunities(session, TODAY) == [renewing]
    with book.writing() as session:
        assert ensure_renewal_opportunities(session, TODAY) == []

    renewal_date = TODAY + timedelta(days=45)
    assert renewals_of(book, renewing) == [
        (
            renewal_date,
            OpportunityStage.OPEN,
            True,
            12_000_000,
            ForecastCategory.PIPELINE,
            people["csm"],
        )
    ]
    assert renewals_of(book, churned) == renewals_of(book, undated) == []
    assert len(renewals_of(book, has_one)) == 1
    with book.session() as session:
        assert metrics(session, TODAY, TODAY + timedelta(days=90)).renewals_due_count == 2


def test_a_won_renewal_opens_the_next_term_and_undo_takes_it_back(book):
    people = add_people(book)
    account_id = add_account(
        book, TODAY, days_to_renewal=10, re_manager_id=people["re"], term_months=24
    )
    with book.writing() as session:
        ensure_renewal_opportunities(session, TODAY)
    with book.writing() as session:
        first = session.scalar(select(Opportunity.id).where(Opportunity.account_id == account_id))
        closed = close_opportunity(session, first, OpportunityStage.WON, TODAY)

    renewal_date = TODAY + timedelta(days=10)
    next_term = renewal_date.replace(year=renewal_date.year + 2)
    assert [(r.close_date, r.stage, r.generated) for r in renewals_of(book, account_id)] == [
        (renewal_date, OpportunityStage.WON, True),
        (next_term, OpportunityStage.OPEN, True),
    ]
    assert renewals_of(book, account_id)[1].owner_id == people["re"]
    with book.writing() as session:  # nothing more to add: the next term has its own
        assert ensure_renewal_opportunities(session, TODAY) == []
        reopen_opportunity(session, closed)
    assert [(r.close_date, r.stage) for r in renewals_of(book, account_id)] == [
        (renewal_date, OpportunityStage.OPEN)
    ]


def test_an_imported_renewal_replaces_the_generated_one(book, tmp_path):
    import_accounts(book, _write(tmp_path, SALESFORCE_ACCOUNTS), today=TODAY)
    with book.session() as session:
        acme = session.scalar(select(Account.id).where(Account.external_id == "001A"))
    assert [r.generated for r in renewals_of(book, acme)] == [True]

    # A Salesforce opportunity report: the renewal for the same account and date.
    renewal_date = TODAY + timedelta(days=30)
    opportunities = (
        "Account ID,Opportunity Name,Type,Stage,Close Date,Amount\n"
        f'001A,Acme Corp - Renewal FY27,renewal,open,{renewal_date},"$120,000.00"\n'
    )
    report = import_opportunities(book, _write(tmp_path, opportunities, "opps.csv"), today=TODAY)

    assert report.imported == 1, report.summary()
    assert [(r.close_date, r.generated) for r in renewals_of(book, acme)] == [(renewal_date, False)]
    scan(book, TODAY)  # and the scan does not make it again
    assert len(renewals_of(book, acme)) == 1


def test_reimporting_the_generated_renewal_by_its_name_keeps_it_as_the_crms(book, tmp_path):
    import_accounts(book, _write(tmp_path, SALESFORCE_ACCOUNTS), today=TODAY)
    renewal_date = TODAY + timedelta(days=30)
    opportunities = (
        "Account ID,Opportunity Name,Type,Close Date,Strategy\n"
        f"001A,Acme Corp – renewal,renewal,{renewal_date},Multi-year\n"
    )
    report = import_opportunities(book, _write(tmp_path, opportunities, "opps.csv"), today=TODAY)

    assert report.updated == 1, report.summary()
    with book.session() as session:
        acme = session.scalar(select(Account.id).where(Account.external_id == "001A"))
    assert [(r.close_date, r.generated) for r in renewals_of(book, acme)] == [(renewal_date, False)]


# -- the first import into an empty book -----------------------------------------------
def _write(tmp_path, text, name="accounts.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_crm_import_without_re_managers_gives_the_csms_their_renewals(book, tmp_path):
    add_person(book, "Lee Leader", PersonRole.CS_LEADER, email="lee@example.com")

    report = import_accounts(book, _write(tmp_path, SALESFORCE_ACCOUNTS), today=TODAY)

    assert report.imported == 3, report.summary()
    assert report.ctas_raised == 2  # the renewals inside the 90-day lead time
    assert report.org_model_note == (
        "No R&E managers in this book: renewals and upsell are owned by each account's "
        "CSM (the 'CSM owns all' model). Change it on the RACI page."
    )
    assert report.as_json()["ctas_raised"] == 2
    assert "The alert scan raised 2 CTAs." in report.after_lines()
    with book.session() as session:
        jane = session.scalar(select(Person.id).where(Person.name == "Jane Doe"))
        omar = session.scalar(select(Person.id).where(Person.name == "Omar Haddad"))
        janes = list_ctas(session, owner_id=jane)
        assert [(c.account_name, c.type) for c in janes] == [("Acme Corp", CtaType.RENEWAL)]
        assert "routed to the CSM" in janes[0].reason
        assert [c.account_name for c in list_ctas(session, owner_id=omar)] == ["Beta LLC"]
        assert list_ctas(session, owner_id=None) == list_ctas(session, owner_id=jane) + (
            list_ctas(session, owner_id=omar)
        )
        due = metrics(session, TODAY, TODAY + timedelta(days=90))
        assert due.renewals_due_count == 2
        assert due.renewals_due == 12_000_000 + 4_800_000
    # A second import says nothing more about the org model, and raises nothing new.
    again = import_accounts(book, _write(tmp_path, SALESFORCE_ACCOUNTS), today=TODAY)
    assert (again.updated, again.ctas_raised, again.org_model_note) == (3, 0, None)


def test_an_import_with_re_managers_says_nothing_about_the_org_model(book, tmp_path):
    text = SALESFORCE_ACCOUNTS.replace(
        "Customer Success Manager\n", "Customer Success Manager,Renewal Manager\n"
    ).replace("Doe\n", "Doe,Rita Renewals\n")
    report = import_accounts(book, _write(tmp_path, text), today=TODAY)
    assert report.imported == 3, report.summary()
    assert report.org_model_note is None


def test_a_generated_renewal_follows_its_accounts_renewal_date(book, tmp_path):
    import_accounts(book, _write(tmp_path, SALESFORCE_ACCOUNTS), today=TODAY)
    moved = SALESFORCE_ACCOUNTS.replace(
        str(TODAY + timedelta(days=30)), str(TODAY + timedelta(days=120))
    )

    report = import_accounts(book, _write(tmp_path, moved), today=TODAY)

    assert report.updated == 3, report.summary()
    with book.session() as session:
        acme = session.scalar(select(Account.id).where(Account.external_id == "001A"))
    assert [(r.close_date, r.stage, r.generated) for r in renewals_of(book, acme)] == [
        (TODAY + timedelta(days=120), OpportunityStage.OPEN, True)
    ]
