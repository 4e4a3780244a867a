"""Small builders for test books: a few people and accounts, written in one go."""

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from cswork.comp import PlanTerms
from cswork.comp_book import save_plan
from cswork.enums import OpportunityKind, OpportunityStage, PersonRole, Segment
from cswork.models import Account, Person
from cswork.opportunities import close_opportunity, create_opportunity
from cswork.store import Book


def write(tmp_path, text: str, name: str = "export.csv"):
    """A file of ``text`` (a CRM export, say) in the test's folder; returns its path."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def stored_accounts(book: Book) -> dict[str, Account]:
    """Every account in the book by external id, read now."""
    with book.session() as session:
        return {a.external_id: a for a in session.scalars(select(Account))}


def add_people(book: Book) -> dict[str, int]:
    with book.writing() as session:
        people = {
            "csm": Person(name="Casey Morgan", email="casey@example.com", role=PersonRole.CSM),
            "re": Person(name="Riley Evans", email="riley@example.com", role=PersonRole.RE_MANAGER),
            "ae": Person(name="Alex Edwards", email="alex@example.com", role=PersonRole.AE),
        }
        session.add_all(people.values())
        session.flush()
        return {key: person.id for key, person in people.items()}


def add_account(book: Book, today: date, days_to_renewal: int | None = 60, **fields) -> int:
    """An active account renewing ``days_to_renewal`` days after ``today``."""
    defaults = {
        "external_id": f"EXT-{days_to_renewal}-{len(fields)}-{id(fields)}",
        "name": "Acme Corp",
        "segment": Segment.HIGH_TOUCH,
        "arr_cents": 12_000_000,
        "renewal_date": None
        if days_to_renewal is None
        else today + timedelta(days=days_to_renewal),
        "entered_book_on": today - timedelta(days=400),
    }
    with book.writing() as session:
        account = Account(**(defaults | fields))
        session.add(account)
        session.flush()
        return account.id


def add_renewal(
    session: Session,
    account_id: int,
    closes: date,
    target_cents: int,
    final_cents: int | None = None,
    *,
    stage: OpportunityStage = OpportunityStage.WON,
    **fields,
) -> int:
    """A renewal closing on ``closes``, closed as ``stage`` (at ``final_cents`` when won)."""
    renewal = create_opportunity(
        session,
        account_id,
        OpportunityKind.RENEWAL,
        close_date=closes,
        target_cents=target_cents,
        **fields,
    )
    close_opportunity(session, renewal, stage, closes, final_cents=final_cents)
    return renewal


def add_q4_deals(book: Book, account_ids: list[int], renewed_cents: int = 1_100_000_00) -> None:
    """A quarter's deals on two accounts: the first renews, won at $1.1 M (or
    ``renewed_cents``) against a $1 M target over 24 months; the second's $1 M renewal
    is open and its $50,000 upsell won."""
    first, second = account_ids
    with book.writing() as session:
        add_renewal(
            session, first, date(2026, 11, 15), 1_000_000_00, renewed_cents, contract_months=24
        )
        create_opportunity(
            session,
            second,
            OpportunityKind.RENEWAL,
            close_date=date(2026, 11, 15),
            target_cents=1_000_000_00,
        )
        up = create_opportunity(
            session,
            second,
            OpportunityKind.UPSELL,
            amount_cents=50_000_00,
            close_date=date(2026, 12, 1),
        )
        close_opportunity(session, up, OpportunityStage.WON, date(2026, 12, 1))


def add_teams(book: Book, casey_plan) -> dict[str, int]:
    """East: Casey and Dana; West: Wes. Q4 2026, each account in the book since 2025:
    Casey's 600,000 renewed at 660,000 (60,000 expansion), Dana's 400,000 with a
    40,000 upsell won, Wes's 500,000 renewal lost (churn)."""
    with book.writing() as session:
        people = {
            key: Person(name=name, email=f"{key}@example.com", role=PersonRole.CSM, team=team)
            for key, name, team in (
                ("casey", "Casey Morgan", "East"),
                ("dana", "Dana Lee", "East"),
                ("wes", "Wes Hart", "West"),
            )
        }
        session.add_all(people.values())
        session.flush()
        ids = {key: person.id for key, person in people.items()}
        save_plan(session, ids["casey"], 2026, casey_plan)
    day = date(2026, 11, 15)
    accounts = {
        key: add_account(book, day, 0, external_id=key, arr_cents=arr, csm_id=ids[key])
        for key, arr in (("casey", 600_000_00), ("dana", 400_000_00), ("wes", 500_000_00))
    }
    with book.writing() as session:
        for key, final in (("casey", 660_000_00), ("wes", None)):
            target = 600_000_00 if key == "casey" else 500_000_00
            renewal = create_opportunity(
                session, accounts[key], OpportunityKind.RENEWAL, close_date=day, target_cents=target
            )
            stage = OpportunityStage.WON if final else OpportunityStage.LOST
            close_opportunity(session, renewal, stage, day, final_cents=final)
        upsell = create_opportunity(
            session,
            accounts["dana"],
            OpportunityKind.UPSELL,
            amount_cents=40_000_00,
            close_date=day,
        )
        close_opportunity(session, upsell, OpportunityStage.WON, day)
    return ids


def add_mixed_renewals(book: Book) -> dict[str, int]:
    """Riley's two renewals due 15 Nov: $100,000 won at target and €100,000 won at
    €110,000; the plan pays in USD."""
    people = add_people(book)
    with book.writing() as session:
        save_plan(session, people["re"], 2026, PlanTerms(ote_cents=150_000_00, currency="USD"))
    for n, currency in enumerate(("USD", "EUR")):
        account = add_account(
            book,
            date(2026, 11, 15),
            0,
            external_id=f"M{n}",
            currency=currency,
            arr_cents=100_000_00,
            re_manager_id=people["re"],
        )
        with book.writing() as session:
            final = 100_000_00 if currency == "USD" else 110_000_00
            add_renewal(session, account, date(2026, 11, 15), 100_000_00, final)
    return people
