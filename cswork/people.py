"""The team: finding people by email or name, as owner columns name them; adding and
editing them; and, when someone leaves, handing their accounts and open CTAs on."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlalchemy import func, or_, select, union
from sqlalchemy.orm import Session

from cswork.enums import CtaStatus, OpportunityStage, PersonRole
from cswork.models import Account, Cta, Opportunity, Person
from cswork.server import current_login

# The account columns that make someone an owner of the account.
OWNER_FIELDS = ("csm_id", "re_manager_id", "ae_id")

# Role words as people type them, beyond the stored values and their labels
# (compared the way the import compares choices: any case, spaces, _ and - ignored).
ROLE_ALIASES = {
    "customersuccessmanager": "csm",
    "customersuccess": "csm",
    "r&e": "re_manager",
    "r&emanager": "re_manager",
    "renewalmanager": "re_manager",
    "renewalsmanager": "re_manager",
    "renewalsandexpansionmanager": "re_manager",
    "accountexecutive": "ae",
    "accountmanager": "ae",
    "csleader": "cs_leader",
    "cslead": "cs_leader",
    "customersuccessleader": "cs_leader",
    "headofcs": "cs_leader",
    "vpcs": "cs_leader",
    "salesrep": "sales",
}

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class PersonError(ValueError):
    pass


def all_people(session: Session, *, active_only: bool = False) -> list[Person]:
    """Everyone, by name. ``active_only``: those who can be given something new (the
    people pickers); history keeps naming the others."""
    query = select(Person).order_by(Person.name, Person.id)
    if active_only:
        query = query.where(Person.active)
    return list(session.scalars(query))


def active_people(session: Session) -> list[Person]:
    return all_people(session, active_only=True)


def find_person(
    session: Session, email_or_name: str, *, active_only: bool = False
) -> Person | None:
    """Match by email first (case-insensitive), then by exact name, ignoring case;
    "me" is whoever this connection's login belongs to. ``active_only`` for a new
    assignment: someone who has left is not found (a filter or an import of history
    still finds them)."""
    needle = email_or_name.strip()
    if not needle:
        return None
    if needle.lower() == "me":
        person = me_by_login(session)
    else:
        person = session.scalar(
            select(Person).where(func.lower(Person.email) == needle.lower())
        ) or session.scalar(
            select(Person)
            .where(func.lower(Person.name) == needle.lower())
            .order_by(Person.active.desc(), Person.id)  # a namesake who is still here first
        )
    if person is not None and active_only and not person.active:
        return None
    return person


def parse_role(text: str | PersonRole) -> PersonRole:
    """A role as a user types it: "CSM", "R&E manager", "AE", "CS leader"..."""
    if isinstance(text, PersonRole):
        return text
    # Imported here: the import package itself finds people through this module.
    from cswork.importing.values import ValueProblem, choice_key, parse_choice

    aliases = {choice_key(role.label): role.value for role in PersonRole} | ROLE_ALIASES
    try:
        return parse_choice(text.strip() or "?", PersonRole, aliases)  # type: ignore[return-value]
    except ValueProblem:
        words = ", ".join(role.label for role in PersonRole)
        raise PersonError(f"'{text}' is not a role: use one of {words}.") from None


def _clean_email(session: Session, email: str | None, person_id: int | None = None) -> str | None:
    email = (email or "").strip().lower() or None
    if email is None:
        return None
    if len(email) > 320 or not _EMAIL.match(email):
        raise PersonError(f"'{email}' is not an email address (like jane.doe@example.com).")
    holder = session.scalar(select(Person).where(func.lower(Person.email) == email))
    if holder is not None and holder.id != person_id:
        raise PersonError(f"{holder.name} already has the email {email}: use another.")
    return email


def _clean_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise PersonError("A person needs a name.")
    if len(name) > 200:
        raise PersonError(f"'{name[:30]}...' is longer than 200 characters: shorten the name.")
    return name


def _clean_team(team: str | None) -> str | None:
    team = (team or "").strip() or None
    if team is not None and len(team) > 100:
        raise PersonError(f"The team '{team[:30]}...' is longer than 100 characters.")
    return team


def _clean_capacity(capacity: int | str | None) -> int | None:
    if capacity is None or (isinstance(capacity, str) and not capacity.strip()):
        return None
    try:
        number = int(str(capacity).strip())
    except ValueError:
        raise PersonError(f"Capacity '{capacity}' is not a whole number.") from None
    if number < 0 or number > 2**31 - 1:
        raise PersonError(f"Capacity {number} is out of range: give 0 or more.")
    return number


def add_person(
    session: Session,
    name: str,
    email: str | None,
    role: PersonRole | str,
    team: str | None = None,
    capacity: int | str | None = None,
) -> Person:
    """A new person; ``email`` may be None (a CRM often names owners only by name)."""
    person = Person(
        name=_clean_name(name),
        email=_clean_email(session, email),
        role=parse_role(role),
        team=_clean_team(team),
        capacity=_clean_capacity(capacity),
    )
    session.add(person)
    session.flush()
    return person


@dataclass(frozen=True)
class PersonFields:
    """What a person's edit can change; what ``update_person`` returns is the old one."""

    name: str
    email: str | None
    role: PersonRole
    team: str | None
    capacity: int | None


def person_fields(person: Person) -> PersonFields:
    return PersonFields(person.name, person.email, person.role, person.team, person.capacity)


def update_person(
    session: Session,
    person_id: int,
    name: str,
    email: str | None,
    role: PersonRole | str,
    team: str | None = None,
    capacity: int | str | None = None,
) -> PersonFields:
    """Set every editable field at once; returns the fields as they were (for undo)."""
    person = _get(session, person_id)
    before = person_fields(person)
    person.name = _clean_name(name)
    person.email = _clean_email(session, email, person_id)
    person.role = parse_role(role)
    person.team = _clean_team(team)
    person.capacity = _clean_capacity(capacity)
    session.flush()
    return before


def restore_person(session: Session, person_id: int, fields: PersonFields) -> None:
    """Put back what ``update_person`` returned."""
    person = _get(session, person_id)
    person.email = None  # free the old email first, should they have swapped
    session.flush()
    person.name, person.email, person.role = fields.name, fields.email, fields.role
    person.team, person.capacity = fields.team, fields.capacity
    session.flush()


def deactivate_person(
    session: Session, person_id: int, reassign_to: int | None = None
) -> Reassigned | None:
    """They have left: they keep their history (closed CTAs, timeline entries, past
    deals) and are given nothing new. ``reassign_to``: hand their accounts and open
    CTAs to that person first (see ``reassign``); None leaves them where they are.
    Returns what was handed on, for ``undo_deactivate``."""
    person = _get(session, person_id)
    if not person.active:
        raise PersonError(f"{person.name} is already inactive.")
    moved = reassign(session, person_id, reassign_to) if reassign_to is not None else None
    person.active = False
    session.flush()
    return moved


def undo_deactivate(session: Session, person_id: int, moved: Reassigned | None) -> None:
    _get(session, person_id).active = True
    session.flush()
    if moved is not None:
        undo_reassign(session, moved)


def reactivate_person(session: Session, person_id: int) -> None:
    person = _get(session, person_id)
    if person.active:
        raise PersonError(f"{person.name} is already active.")
    person.active = True
    session.flush()


def undo_reactivate(session: Session, person_id: int) -> None:
    _get(session, person_id).active = False
    session.flush()


def delete_person(session: Session, person_id: int) -> None:
    """Take back ``add_person`` (its undo): whatever names them since names nobody."""
    session.delete(_get(session, person_id))
    session.flush()


@dataclass(frozen=True)
class Reassigned:
    """What ``reassign`` moved, so ``undo_reassign`` can move it back."""

    from_id: int
    to_id: int
    accounts: dict[str, tuple[int, ...]] = field(default_factory=dict)  # owner field -> ids
    ctas: tuple[int, ...] = ()
    opportunities: tuple[int, ...] = ()

    @property
    def account_ids(self) -> frozenset[int]:
        return frozenset(i for ids in self.accounts.values() for i in ids)

    @property
    def summary(self) -> str:
        accounts, ctas = len(self.account_ids), len(self.ctas)
        return (
            f"{accounts} account{'' if accounts == 1 else 's'} and "
            f"{ctas} open CTA{'' if ctas == 1 else 's'}"
        )


def reassign(
    session: Session,
    from_person_id: int,
    to_person_id: int,
    *,
    accounts: bool = True,
    ctas: bool = True,
) -> Reassigned:
    """Hand someone's accounts (in whichever role they hold them: CSM, R&E manager,
    AE), their open and snoozed CTAs and their open opportunities to another person,
    who must be active. Closed CTAs, won and lost deals and the timeline keep naming
    whoever did them."""
    giver, taker = _get(session, from_person_id), _get(session, to_person_id)
    if giver.id == taker.id:
        raise PersonError(
            f"{giver.name}'s work cannot be handed to {giver.name}: pick someone else."
        )
    if not taker.active:
        raise PersonError(f"{taker.name} is inactive: reactivate them or pick someone else.")
    moved: dict[str, tuple[int, ...]] = {}
    moved_ctas: tuple[int, ...] = ()
    moved_deals: tuple[int, ...] = ()
    if accounts:
        for owner_field in OWNER_FIELDS:
            column = getattr(Account, owner_field)
            rows = list(session.scalars(select(Account).where(column == giver.id)))
            for account in rows:  # through the ORM: versions bumped, edits on the trail
                setattr(account, owner_field, taker.id)
            if rows:
                moved[owner_field] = tuple(a.id for a in rows)
        deals = list(
            session.scalars(
                select(Opportunity).where(
                    Opportunity.owner_id == giver.id, Opportunity.stage == OpportunityStage.OPEN
                )
            )
        )
        for deal in deals:
            deal.owner_id = taker.id
        moved_deals = tuple(d.id for d in deals)
    if ctas:
        open_ctas = list(
            session.scalars(
                select(Cta).where(Cta.owner_id == giver.id, Cta.status != CtaStatus.CLOSED)
            )
        )
        for cta in open_ctas:
            cta.owner_id = taker.id
        moved_ctas = tuple(c.id for c in open_ctas)
    session.flush()
    return Reassigned(giver.id, taker.id, moved, moved_ctas, moved_deals)


def undo_reassign(session: Session, moved: Reassigned) -> None:
    """Give back what ``reassign`` moved, where the new owner still holds it."""
    for owner_field, ids in moved.accounts.items():
        for account in session.scalars(select(Account).where(Account.id.in_(ids))):
            if getattr(account, owner_field) == moved.to_id:
                setattr(account, owner_field, moved.from_id)
    for cta in session.scalars(select(Cta).where(Cta.id.in_(moved.ctas))):
        if cta.owner_id == moved.to_id:
            cta.owner_id = moved.from_id
    for deal in session.scalars(select(Opportunity).where(Opportunity.id.in_(moved.opportunities))):
        if deal.owner_id == moved.to_id:
            deal.owner_id = moved.from_id
    session.flush()


@dataclass(frozen=True)
class PersonRow:
    """One line of the team list (Settings ▸ People, ``people``)."""

    id: int
    name: str
    email: str | None
    role: PersonRole
    team: str | None
    capacity: int | None
    active: bool
    accounts: int  # accounts they own in any role


def team_list(session: Session) -> list[PersonRow]:
    """Everyone, active or not, by name, with how many accounts each owns."""
    # Counted in the database (a book may hold 100,000 accounts); an account someone
    # owns twice over (CSM and AE) counts once for them.
    owned = union(
        *(
            select(Account.id.label("account_id"), getattr(Account, f).label("person_id"))
            for f in OWNER_FIELDS
        )
    ).subquery()
    counts: dict[int, int] = dict(
        session.execute(
            select(owned.c.person_id, func.count())
            .where(owned.c.person_id.is_not(None))
            .group_by(owned.c.person_id)
        ).all()
    )
    return [
        PersonRow(p.id, p.name, p.email, p.role, p.team, p.capacity, p.active, counts.get(p.id, 0))
        for p in all_people(session)
    ]


def open_work(session: Session, person_id: int) -> tuple[int, int]:
    """(accounts owned, open CTAs): what a person leaving would leave behind."""
    accounts = session.scalar(
        select(func.count())
        .select_from(Account)
        .where(or_(*(getattr(Account, f) == person_id for f in OWNER_FIELDS)))
    )
    ctas = session.scalar(
        select(func.count())
        .select_from(Cta)
        .where(Cta.owner_id == person_id, Cta.status != CtaStatus.CLOSED)
    )
    return accounts or 0, ctas or 0


def _get(session: Session, person_id: int) -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise PersonError(f"There is no person with id {person_id}.")
    return person


def me_by_login(session: Session) -> Person | None:
    """The person this connection logs in as: on a team book, the server's user name
    (each person connects as themselves); on a laptop book, the computer's."""
    login = current_login(session.connection())
    return session.scalar(select(Person).where(Person.login == login))


def claim_login(session: Session, person_id: int) -> None:
    """Remember that this connection's login is this person, so the app knows "me" on
    any computer next time. A login names one person: whoever had it loses it."""
    login = current_login(session.connection())
    for holder in session.scalars(select(Person).where(Person.login == login)):
        if holder.id != person_id:
            holder.login = None
    session.flush()
    person = session.get(Person, person_id)
    if person is None:
        raise PersonError(f"There is no person with id {person_id}.")
    person.login = login


def person_exists(session: Session, person_id: int) -> bool:
    return session.get(Person, person_id) is not None


def names_by_id(session: Session) -> dict[int, str]:
    return {person_id: name for person_id, name in session.execute(select(Person.id, Person.name))}
