"""Importing contacts, opportunities and scores: the same shape as
accounts: CRM headers, a check before the write, all or nothing, re-import updates."""

from datetime import date

import pytest
from sqlalchemy import func, select

from cswork.enums import (
    ContactRole,
    ForecastCategory,
    OpportunityKind,
    OpportunityStage,
    PersonRole,
    Sentiment,
)
from cswork.importing import (
    ImportCancelled,
    ImportFileError,
    Problem,
    import_accounts,
    import_contacts,
    import_opportunities,
    import_scores,
)
from cswork.models import Account, Contact, Opportunity, Person, ScoreCategory, ScoreSnapshot
from cswork.people import add_person
from cswork.scorecard import record_scores, replay_history
from tests.factories import write

TODAY = date(2026, 11, 23)
ACCOUNTS = (
    "external_id,name,arr,term_months,segment,csm,re_manager,ae\n"
    "A-1,Acme,120000,24,high-touch,casey@example.com,riley@example.com,alex@example.com\n"
    "A-2,Beta,5000,,strategic,casey@example.com,riley@example.com,alex@example.com\n"
    "A-3,Gamma,100,,low-touch,,,\n"
)


@pytest.fixture
def accounts_book(book, tmp_path):
    with book.writing() as session:
        add_person(session, "Casey Morgan", "casey@example.com", PersonRole.CSM)
        add_person(session, "Riley Evans", "riley@example.com", PersonRole.RE_MANAGER)
        add_person(session, "Alex Edwards", "alex@example.com", PersonRole.AE)
    report = import_accounts(book, write(tmp_path, ACCOUNTS, "accounts.csv"), today=TODAY)
    assert report.refused == []
    return book


def account_id(book, external_id):
    with book.session() as session:
        return session.scalar(select(Account.id).where(Account.external_id == external_id))


def person_id(book, email):
    with book.session() as session:
        return session.scalar(select(Person.id).where(Person.email == email))


def count(book, model):
    with book.session() as session:
        return session.scalar(select(func.count()).select_from(model))


# Contacts -------------------------------------------------------------------------------

CONTACTS = (
    "Account ID,First Name,Last Name,Title,Email,Phone,Role,Sentiment,Left On\n"
    "A-1,Dana,Whitfield,VP Operations,dana@acme.example,'+1 555 0100,Champion,Promoter,\n"
    "A-1,Sam,Lee,,,,user,,\n"
    "A-2,Jo,Park,CFO,jo@beta.example,,Exec Sponsor,detractor,2026-10-01\n"
)


def contacts(book):
    with book.session() as session:
        return {c.name: c for c in session.scalars(select(Contact))}


def test_contacts_with_crm_headers(accounts_book, tmp_path):
    report = import_contacts(accounts_book, write(tmp_path, CONTACTS), today=TODAY)

    assert (report.imported, report.updated, report.refused) == (3, 0, [])
    found = contacts(accounts_book)
    dana, jo = found["Dana Whitfield"], found["Jo Park"]
    assert dana.account_id == account_id(accounts_book, "A-1")
    assert (dana.title, dana.email, dana.phone) == (
        "VP Operations",
        "dana@acme.example",
        "+1 555 0100",
    )
    assert (dana.role, dana.sentiment, dana.left_on) == (
        ContactRole.CHAMPION,
        Sentiment.POSITIVE,
        None,
    )
    assert (jo.role, jo.sentiment, jo.left_on) == (
        ContactRole.EXECUTIVE_SPONSOR,
        Sentiment.NEGATIVE,
        date(2026, 10, 1),
    )
    assert (found["Sam Lee"].role, found["Sam Lee"].sentiment) == (
        ContactRole.USER,
        Sentiment.NEUTRAL,
    )
    assert report.summary() == "Imported 3 new contacts and updated 0."


def test_reimporting_contacts_updates_by_email_then_name(accounts_book, tmp_path):
    import_contacts(accounts_book, write(tmp_path, CONTACTS), today=TODAY)
    again = (
        "Account ID,Name,Email,Title,Sentiment\n"
        "A-1,Dana Whitfield,DANA@acme.example,COO,negative\n"  # found by email
        "A-1,Sam Lee,sam@acme.example,,\n"  # found by name: he had no email
        "A-2,Jo Park,other@beta.example,,\n"  # a namesake with another email: someone new
    )
    report = import_contacts(accounts_book, write(tmp_path, again), today=TODAY)

    assert (report.imported, report.updated) == (1, 2)
    assert count(accounts_book, Contact) == 4
    with accounts_book.session() as session:
        dana = session.scalar(select(Contact).where(Contact.name == "Dana Whitfield"))
        sam = session.scalar(select(Contact).where(Contact.name == "Sam Lee"))
    assert (dana.title, dana.sentiment, dana.phone) == ("COO", Sentiment.NEGATIVE, "+1 555 0100")
    assert dana.email == "DANA@acme.example"  # as the file now spells it
    assert sam.email == "sam@acme.example"


@pytest.mark.parametrize(
    "row, problem",
    [
        (
            "Z-9,Ann,ann@x.example",
            Problem(
                3, "Account ID", "'Z-9' is not an account in the book (import the accounts first)"
            ),
        ),
        ("A-1,Ann,not-an-email", Problem(3, "Email", "'not-an-email' is not an email address")),
        ("A-1,,ann@x.example", Problem(3, "Name", "is empty, and every contact needs a name")),
        (
            "A-1,Dana Again,dana@acme.example",
            Problem(3, "Email", "'dana@acme.example' of account A-1 is in row 2 already"),
        ),
    ],
)
def test_a_bad_contact_row_and_nothing_is_written(accounts_book, tmp_path, row, problem):
    text = f"Account ID,Name,Email\nA-1,Dana,dana@acme.example\n{row}\n"

    report = import_contacts(accounts_book, write(tmp_path, text), today=TODAY)

    assert report.refused == [problem]
    assert count(accounts_book, Contact) == 0


def test_a_contact_file_needs_a_name_column(accounts_book, tmp_path):
    with pytest.raises(ImportFileError, match="no name column"):
        import_contacts(
            accounts_book, write(tmp_path, "Account ID,Email\nA-1,a@b.example\n"), today=TODAY
        )


# Opportunities ------------------------------------------------------------------------

OPPORTUNITIES = (
    "Account ID,Type,Opportunity Name,Amount,Close Date,Stage,Forecast Category,"
    "Renewal Target,Contract Months,Opportunity Owner,Next Step\n"
    "A-1,Renewal,,,2027-01-31,open,commit,,,,Call the CFO\n"
    'A-1,Upsell,50 more seats,"$6,000.50",2026-12-15,Prospecting,best case,,,,\n'
    "A-1,Cross-sell,Analytics,12000,2027-02-01,open,pipeline,,,,\n"
    "A-2,Cross-sell,Analytics,9000,2027-02-01,open,pipeline,,,,\n"
    "A-3,Services,Training,2500,2026-12-01,Closed Won,closed,,,new.owner@example.com,\n"
)


def opportunities(book):
    with book.session() as session:
        return {(o.account_id, o.name): o for o in session.scalars(select(Opportunity))}


def test_opportunities_with_crm_headers_and_routing(accounts_book, tmp_path):
    report = import_opportunities(accounts_book, write(tmp_path, OPPORTUNITIES), today=TODAY)

    assert (report.imported, report.refused) == (5, [])
    acme, beta, gamma = (account_id(accounts_book, x) for x in ("A-1", "A-2", "A-3"))
    found = opportunities(accounts_book)
    renewal = found[(acme, "Acme – renewal")]  # named as create_opportunity names it
    assert (renewal.kind, renewal.close_date, renewal.stage) == (
        OpportunityKind.RENEWAL,
        date(2027, 1, 31),
        OpportunityStage.OPEN,
    )
    # A renewal's defaults: the account's ARR as target and forecast, its term.
    assert (renewal.target_cents, renewal.forecast_cents, renewal.contract_months) == (
        12_000_000,
        12_000_000,
        24,
    )
    assert renewal.forecast_category == ForecastCategory.COMMIT
    assert renewal.strategy == "Call the CFO"
    # Owners routed by the RACI: renewal and upsell to the R&E manager, cross-sell to the
    # AE; the strategic account's override makes its AE accountable.
    riley, alex = (
        person_id(accounts_book, "riley@example.com"),
        person_id(accounts_book, "alex@example.com"),
    )
    assert renewal.owner_id == riley
    assert found[(acme, "50 more seats")].owner_id == riley
    assert found[(acme, "50 more seats")].amount_cents == 600_050
    assert found[(acme, "Analytics")].owner_id == alex
    assert found[(beta, "Analytics")].owner_id == alex
    training = found[(gamma, "Training")]
    assert (training.stage, training.forecast_category) == (
        OpportunityStage.WON,
        ForecastCategory.CLOSED,
    )
    assert training.owner_id == person_id(accounts_book, "new.owner@example.com")
    assert report.people_added == ["New Owner"]


def test_reimporting_opportunities_matches_account_kind_close_date_and_name(
    accounts_book, tmp_path
):
    import_opportunities(accounts_book, write(tmp_path, OPPORTUNITIES), today=TODAY)
    before = count(accounts_book, Opportunity)

    again = (
        "Account ID,Type,Opportunity Name,Close Date,Stage,Final Amount,Amount\n"
        "A-1,renewal,,2027-01-31,won,130000,\n"
        "A-1,upsell,50 MORE SEATS,2026-12-15,,,7000\n"
    )
    report = import_opportunities(accounts_book, write(tmp_path, again), today=TODAY)

    assert (report.imported, report.updated, report.refused) == (0, 2, [])
    assert count(accounts_book, Opportunity) == before
    found = opportunities(accounts_book)
    acme = account_id(accounts_book, "A-1")
    assert found[(acme, "Acme – renewal")].stage == OpportunityStage.WON
    assert found[(acme, "Acme – renewal")].final_cents == 13_000_000
    assert found[(acme, "50 MORE SEATS")].amount_cents == 700_000  # named as the file has it


@pytest.mark.parametrize(
    "row, field, message",
    [
        (
            "A-1,New Logo,X,5,,",
            "Type",
            "'New Logo' is not one of renewal, upsell, cross-sell, new division, "
            "services one-time or services managed; "
            'map it with --values "kind:New Logo=..."',
        ),
        (
            "A-1,upsell,X,-5,,",
            "Amount",
            "-5.00 is negative, and only a renewal can shrink (this is an upsell)",
        ),
        (
            "A-1,upsell,X,5,100,",
            "Renewal Target",
            "a target amount is for renewals only (this is an upsell)",
        ),
        ("A-1,renewal,X,5,-100,", "Renewal Target", "'-100' is negative: it cannot be less than 0"),
        (
            "Z-1,renewal,X,5,,",
            "Account ID",
            "'Z-1' is not an account in the book (import the accounts first)",
        ),
        (
            "A-1,renewal,X,5,,won",
            "Forecast Category",
            "a won opportunity is out of the forecast (closed or omitted), not 'commit'",
        ),
    ],
)
def test_a_bad_opportunity_row(accounts_book, tmp_path, row, field, message):
    *cells, stage = row.split(",")
    text = (
        "Account ID,Type,Name,Amount,Renewal Target,Stage,Forecast Category\n"
        f"{','.join(cells)},{stage or 'open'},commit\n"
    )

    report = import_opportunities(accounts_book, write(tmp_path, text), today=TODAY)

    assert report.refused == [Problem(2, field, message)]
    assert count(accounts_book, Opportunity) == 0


# Scores -------------------------------------------------------------------------------


def test_scores_by_key_or_name_and_the_history_replayed(accounts_book, tmp_path):
    text = (
        "Account ID,Category,Score,Comment,Date\n"
        "A-1,adoption,80,,2026-01-01\n"
        "A-1,Support & Escalations,40,escalation open,2026-01-02\n"
        "A-1,ADOPTION,60%,,2026-02-01\n"
        "A-2,Sentiment (NPS/CSAT),90.0,,\n"  # no date: measured today
    )
    report = import_scores(accounts_book, write(tmp_path, text), today=TODAY)

    assert (report.imported, report.refused) == (4, [])
    acme = account_id(accounts_book, "A-1")
    with accounts_book.session() as session:
        snapshots = session.execute(
            select(
                ScoreSnapshot.score,
                ScoreSnapshot.previous_score,
                ScoreSnapshot.health_before,
                ScoreSnapshot.health_after,
                ScoreSnapshot.comment,
            )
            .where(ScoreSnapshot.account_id == acme)
            .order_by(ScoreSnapshot.measured_on)
        ).all()
        health = session.get(Account, acme).health
        beta = session.get(Account, account_id(accounts_book, "A-2"))
        beta_day = session.scalar(
            select(ScoreSnapshot.measured_on).where(ScoreSnapshot.account_id == beta.id)
        )
    assert [tuple(s) for s in snapshots] == [
        (80, None, None, 80, None),
        (40, None, 80, 60, "escalation open"),
        (60, 80, 60, 50, None),
    ]
    assert health == 50
    assert (beta.health, beta_day) == (90, TODAY)


def test_imported_scores_agree_with_recording_them_one_by_one(accounts_book, tmp_path):
    """An old score imported into a history already there: every later snapshot's
    before/after moves, as replay_history computes it."""
    acme = account_id(accounts_book, "A-1")
    with accounts_book.session() as session:
        ids = dict(session.execute(select(ScoreCategory.key, ScoreCategory.id)).all())
    with accounts_book.writing() as session:
        from datetime import UTC, datetime

        now = datetime.now(UTC)
        record_scores(session, acme, {ids["adoption"]: (70, None)}, date(2026, 3, 1), None, now)
        record_scores(session, acme, {ids["support"]: (30, None)}, date(2026, 5, 1), None, now)
    text = "Account ID,Category,Score,Date\nA-1,support,90,2026-04-01\nA-1,champion,10,2026-06-01\n"
    import_scores(accounts_book, write(tmp_path, text), today=TODAY)

    with accounts_book.session() as session:
        imported = session.execute(
            select(
                ScoreSnapshot.id,
                ScoreSnapshot.previous_score,
                ScoreSnapshot.health_before,
                ScoreSnapshot.health_after,
            ).order_by(ScoreSnapshot.id)
        ).all()
        health = session.get(Account, acme).health
    with accounts_book.writing() as session:
        expected_health = replay_history(session, acme)
        replayed = session.execute(
            select(
                ScoreSnapshot.id,
                ScoreSnapshot.previous_score,
                ScoreSnapshot.health_before,
                ScoreSnapshot.health_after,
            ).order_by(ScoreSnapshot.id)
        ).all()
        session.rollback()
    assert imported == replayed
    assert health == expected_health == 37  # (70 + 30 + 10) / 3, rounded half up
    assert [tuple(row[1:]) for row in imported] == [
        (None, None, 70),
        (90, 80, 50),  # the 30 of 1 May now follows the imported 90 of 1 April
        (None, 70, 80),
        (None, 50, 37),
    ]


def test_reimporting_scores_updates_the_same_day(accounts_book, tmp_path):
    path = write(tmp_path, "Account ID,Category,Score,Date\nA-1,adoption,80,2026-01-01\n")
    import_scores(accounts_book, path, today=TODAY)
    path = write(tmp_path, "Account ID,Category,Score,Date\nA-1,adoption,55,2026-01-01\n")
    report = import_scores(accounts_book, path, today=TODAY)

    assert (report.imported, report.updated) == (0, 1)
    assert count(accounts_book, ScoreSnapshot) == 1
    with accounts_book.session() as session:
        assert session.get(Account, account_id(accounts_book, "A-1")).health == 55


@pytest.mark.parametrize(
    "row, field, message",
    [
        ("A-1,adoption,101,2026-01-01", "Score", "'101' is not a score: it must be 0 to 100"),
        (
            "A-1,adoption,high,2026-01-01",
            "Score",
            "'high' is not a score (a whole number from 0 to 100)",
        ),
        (
            "A-1,adoption,50,2027-01-01",
            "Date",
            "2027-01-01 is after today (2026-11-23): a score is measured on a day that has come",
        ),
        (
            "A-1,happiness,50,2026-01-01",
            "Category",
            "'happiness' is not a scorecard category (Champion stability, Competitive threat, "
            "Executive sponsor engagement, Financial & payment, Outcomes / success-plan "
            "progress, Product adoption, Sentiment (NPS/CSAT), Support & escalations)",
        ),
    ],
)
def test_a_bad_score_row(accounts_book, tmp_path, row, field, message):
    path = write(tmp_path, f"Account ID,Category,Score,Date\n{row}\n")

    report = import_scores(accounts_book, path, today=TODAY)

    assert report.refused == [Problem(2, field, message)]
    assert count(accounts_book, ScoreSnapshot) == 0


def test_cancelling_a_score_import_writes_nothing(accounts_book, tmp_path):
    path = write(tmp_path, "Account ID,Category,Score\nA-1,adoption,80\n")
    with pytest.raises(ImportCancelled):
        import_scores(accounts_book, path, today=TODAY, cancelled=lambda: True)
    assert count(accounts_book, ScoreSnapshot) == 0


def test_progress_runs_to_the_end_for_every_entity(accounts_book, tmp_path):
    for run, text in [
        (import_contacts, CONTACTS),
        (import_opportunities, OPPORTUNITIES),
        (import_scores, "Account ID,Category,Score\nA-1,adoption,80\nA-2,support,20\n"),
    ]:
        seen = []
        run(
            accounts_book,
            write(tmp_path, text),
            today=TODAY,
            progress=lambda d, t, seen=seen: seen.append((d, t)),
        )
        assert seen[-1][0] == seen[-1][1] > 0
        assert [done for done, _ in seen] == sorted(done for done, _ in seen)
