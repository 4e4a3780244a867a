"""Who does what: the team RACI matrix, its presets, and per-account overrides.

A matrix row is one activity: role key -> letters ("RA", "C", ...). An account's
override cells for an activity replace the team's whole row for that activity."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from cswork.enums import PersonRole, RaciMatrixKind
from cswork.models import (
    Account,
    Person,
    RaciActivity,
    RaciCell,
    RaciMatrix,
    RaciOverride,
    RaciRole,
)

Matrix = dict[str, dict[str, str]]  # activity key -> role key -> letters


# Who takes an activity when the person the matrix makes accountable is missing on the
# account (or no longer active): the A's own column first, then these in this order,
# then the CS leader. Early-stage teams have no R&E managers: "the CSM team has always
# owned renewals and upsell".
FALLBACK_CHAIN = ("re_manager_id", "csm_id", "ae_id")
ROLE_WORDS = {"re_manager_id": "R&E manager", "csm_id": "CSM", "ae_id": "AE"}
CS_LEADER = "the CS leader"


@dataclass(frozen=True)
class Duty:
    """One activity on one account, resolved to people. ``accountable`` follows the
    fallback chain; ``routed`` says why it is not the matrix's A (None when it is)."""

    activity_key: str
    activity: str
    letters_by_role: dict[str, str]
    people_by_role: dict[str, Person | None]
    accountable: Person | None = None
    routed: str | None = None

    def holders(self, letter: str) -> list[tuple[str, Person | None]]:
        return [
            (role, self.people_by_role.get(role))
            for role, letters in self.letters_by_role.items()
            if letter in letters
        ]


def cs_leader_id(session: Session) -> int | None:
    """The CS leader who takes what nobody else on an account can: with several, the
    first added (lowest id) who is still active."""
    return session.scalar(
        select(Person.id)
        .where(Person.role == PersonRole.CS_LEADER, Person.active.is_not(False))
        .order_by(Person.id)
        .limit(1)
    )


def follow_chain(
    first_field: str | None, account, usable, leader_id: int | None
) -> tuple[int | None, str | None]:
    """(person id, why routed or None) for one activity on ``account`` (anything with
    csm_id, re_manager_id, ae_id): the accountable column, then FALLBACK_CHAIN, then
    the CS leader. ``usable(person_id)`` is False for someone no longer active."""
    chain = [first_field] if first_field else []
    chain += [f for f in FALLBACK_CHAIN if f != first_field]
    skipped = []
    for owner_field in chain:
        person_id = getattr(account, owner_field)
        if person_id is not None and usable(person_id):
            if owner_field == first_field:
                return person_id, None
            return person_id, routed_reason(first_field, skipped, ROLE_WORDS[owner_field])
        skipped.append((owner_field, person_id is not None))
    return leader_id, routed_reason(first_field, skipped, CS_LEADER) if leader_id else None


def routed_reason(first_field: str | None, skipped: list, to: str) -> str:
    """'no R&E manager on this account: routed to the CSM'."""
    if first_field is None:
        return f"nobody is accountable in the RACI: routed to {_the(to)}"
    missing = [ROLE_WORDS[f] for f, present in skipped if not present]
    gone = [ROLE_WORDS[f] for f, present in skipped if present]
    why = []
    if missing:
        why.append(f"no {' or '.join(missing)} on this account")
    if gone:
        verb = "is" if len(gone) == 1 else "are"
        why.append(f"the {' and '.join(gone)} on this account {verb} not active")
    return f"{' and '.join(why)}: routed to {_the(to)}"


def _the(word: str) -> str:
    return word if word.startswith("the ") else f"the {word}"


def roles(session: Session) -> list[RaciRole]:
    return list(session.scalars(select(RaciRole).order_by(RaciRole.position)))


def activities(session: Session) -> list[RaciActivity]:
    return list(session.scalars(select(RaciActivity).order_by(RaciActivity.position)))


def team_matrix_id(session: Session) -> int:
    return session.scalar(select(RaciMatrix.id).where(RaciMatrix.kind == RaciMatrixKind.TEAM))


def _read_matrix(session: Session, cells: type[RaciCell] | type[RaciOverride], where) -> Matrix:
    rows = session.execute(
        select(RaciActivity.key, RaciRole.key, cells.letters)
        .join(RaciActivity, RaciActivity.id == cells.activity_id)
        .join(RaciRole, RaciRole.id == cells.role_id)
        .where(where)
    )
    matrix: Matrix = {}
    for activity, role, letters in rows:
        matrix.setdefault(activity, {})[role] = letters
    return matrix


def matrix_cells(session: Session, matrix_id: int) -> Matrix:
    return _read_matrix(session, RaciCell, RaciCell.matrix_id == matrix_id)


def account_overrides(session: Session, account_id: int) -> Matrix:
    return _read_matrix(session, RaciOverride, RaciOverride.account_id == account_id)


def account_matrix(session: Session, account_id: int) -> Matrix:
    """The team matrix with the account's overrides applied, row by row."""
    return matrix_cells(session, team_matrix_id(session)) | account_overrides(session, account_id)


def who_does_what(session: Session, account: Account) -> list[Duty]:
    """Every activity for this account, as people rather than roles."""
    matrix = account_matrix(session, account.id)
    all_roles = roles(session)
    owner_field = {role.key: role.owner_field for role in all_roles}
    role_people = {role.key: _person_in_role(session, account, role) for role in all_roles}
    leader_id = cs_leader_id(session)

    def usable(person_id: int) -> bool:
        person = session.get(Person, person_id)
        return person is not None and person.active is not False

    duties = []
    for activity in activities(session):
        row = matrix.get(activity.key, {})
        person_id, routed = follow_chain(
            _accountable_field(row, owner_field), account, usable, leader_id
        )
        duties.append(
            Duty(
                activity_key=activity.key,
                activity=activity.name,
                letters_by_role=row,
                people_by_role=role_people,
                accountable=session.get(Person, person_id) if person_id else None,
                routed=routed,
            )
        )
    return duties


def accountable_with_fallback(
    session: Session, activity_key: str, account: Account
) -> tuple[Person | None, str | None]:
    """Who is accountable for the activity on this account, following the fallback
    chain when the RACI's A is missing or inactive, and why it was routed (or None).
    The person is None only when nobody on the account nor a CS leader is there."""
    for duty in who_does_what(session, account):
        if duty.activity_key == activity_key:
            return duty.accountable, duty.routed
    raise KeyError(f"no RACI activity {activity_key!r}")


def accountable_for(session: Session, activity_key: str, account: Account) -> Person | None:
    return accountable_with_fallback(session, activity_key, account)[0]


def _person_in_role(session: Session, account: Account, role: RaciRole) -> Person | None:
    person_id = getattr(account, role.owner_field)
    return session.get(Person, person_id) if person_id is not None else None


def _preset_cells(session: Session, preset: str) -> list[tuple[int, int, str]]:
    matrix_id = session.scalar(select(RaciMatrix.id).where(RaciMatrix.name == preset))
    if matrix_id is None:
        raise KeyError(f"no RACI preset named {preset!r}")
    return [
        tuple(row)
        for row in session.execute(
            select(RaciCell.activity_id, RaciCell.role_id, RaciCell.letters).where(
                RaciCell.matrix_id == matrix_id
            )
        )
    ]


def _chunks(ids: list[int], size: int = 500):
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def apply_override_preset(session: Session, account_ids: list[int], preset: str) -> None:
    """Give these accounts the preset's rows as overrides (e.g. the strategic account
    exception), replacing any override they had for those activities."""
    cells = _preset_cells(session, preset)
    remove_override_preset(session, account_ids, preset, cells)
    table = RaciOverride.__table__  # Core insert: thousands of rows on an import
    for chunk in _chunks(account_ids):
        session.execute(
            insert(table),
            [
                {
                    "account_id": account_id,
                    "activity_id": activity_id,
                    "role_id": role_id,
                    "letters": letters,
                }
                for account_id in chunk
                for activity_id, role_id, letters in cells
            ],
        )


def remove_override_preset(
    session: Session,
    account_ids: list[int],
    preset: str,
    cells: list[tuple[int, int, str]] | None = None,
) -> None:
    """Drop these accounts' overrides for the preset's activities (the account left the
    strategic segment, say): the team matrix applies to them again."""
    activity_ids = {activity_id for activity_id, _, _ in (cells or _preset_cells(session, preset))}
    for chunk in _chunks(account_ids):
        session.execute(
            delete(RaciOverride).where(
                RaciOverride.account_id.in_(chunk), RaciOverride.activity_id.in_(activity_ids)
            )
        )


class AccountableIndex:
    """Who is accountable (A) for an activity on any account, read once for a whole
    scan: the team matrix, with each account's override rows replacing the team's row
    for their activity (the same resolution as ``who_does_what``)."""

    def __init__(self, session: Session) -> None:
        owner_field = {role.key: role.owner_field for role in roles(session)}
        self._team: dict[str, str | None] = {
            activity: _accountable_field(row, owner_field)
            for activity, row in matrix_cells(session, team_matrix_id(session)).items()
        }
        rows = session.execute(
            select(RaciOverride.account_id, RaciActivity.key, RaciRole.key, RaciOverride.letters)
            .join(RaciActivity, RaciActivity.id == RaciOverride.activity_id)
            .join(RaciRole, RaciRole.id == RaciOverride.role_id)
        )
        overridden: dict[tuple[int, str], dict[str, str]] = {}
        for account_id, activity, role, letters in rows:
            overridden.setdefault((account_id, activity), {})[role] = letters
        self._overrides = {
            key: _accountable_field(row, owner_field) for key, row in overridden.items()
        }
        self._inactive = set(session.scalars(select(Person.id).where(Person.active.is_(False))))
        self.leader_id = cs_leader_id(session)

    def owner_field(self, activity_key: str, account_id: int) -> str | None:
        """The account column (csm_id, re_manager_id, ae_id) holding the accountable."""
        key = (account_id, activity_key)
        if key in self._overrides:
            return self._overrides[key]
        return self._team.get(activity_key)

    def resolve(self, activity_key: str, account) -> tuple[int | None, str | None]:
        """The accountable person's id on ``account`` (anything with the owner columns),
        following the fallback chain, and why it was routed (None when not)."""
        return follow_chain(
            self.owner_field(activity_key, account.id),
            account,
            self._usable,
            self.leader_id,
        )

    def person_id(self, activity_key: str, account) -> int | None:
        # The accountable person is there and active on nearly every account: a scan
        # asks this of 100,000 of them, so that case skips building a reason.
        owner_field = self.owner_field(activity_key, account.id)
        if owner_field is not None:
            person_id = getattr(account, owner_field)
            if person_id is not None and person_id not in self._inactive:
                return person_id
        return self.resolve(activity_key, account)[0]

    def routed(self, activity_key: str, account) -> str | None:
        return self.resolve(activity_key, account)[1]

    def _usable(self, person_id: int) -> bool:
        return person_id not in self._inactive


def _accountable_field(row: dict[str, str], owner_field: dict[str, str]) -> str | None:
    for role, letters in row.items():
        if "A" in letters:
            return owner_field[role]
    return None


# -- editing the matrix ----------------------------------------------------------------
class RaciError(ValueError):
    pass


def row_problem(row: dict[str, str]) -> str | None:
    """Why an activity's row is not valid: exactly one A, at least one R."""
    accountable = sum("A" in letters for letters in row.values())
    if accountable != 1:
        return "needs exactly one A" + (f" (has {accountable})" if accountable else "")
    if not any("R" in letters for letters in row.values()):
        return "needs at least one R"
    return None


def matrix_problems(matrix: Matrix, activity_keys: list[str]) -> dict[str, str]:
    """Activity -> what is wrong with its row, for every row that is not valid."""
    problems = {}
    for key in activity_keys:
        problem = row_problem(matrix.get(key, {}))
        if problem:
            problems[key] = problem
    return problems


def _ids(session: Session) -> tuple[dict[str, int], dict[str, int]]:
    return ({a.key: a.id for a in activities(session)}, {r.key: r.id for r in roles(session)})


def canonical_letters(letters: str) -> str:
    """'AR' and 'ra' both become 'RA': cells are stored in R, A, C, I order."""
    wanted = set(letters.upper())
    return "".join(c for c in "RACI" if c in wanted)


def _clean(row: dict[str, str]) -> dict[str, str]:
    return {role: canonical_letters(letters) for role, letters in row.items() if letters.strip()}


def set_team_matrix(session: Session, matrix: Matrix) -> Matrix:
    """Replace the team matrix; refused whole if any row is invalid. Returns the old one."""
    activity_ids, role_ids = _ids(session)
    matrix = {activity: _clean(row) for activity, row in matrix.items()}
    problems = matrix_problems(matrix, list(activity_ids))
    if problems:
        raise RaciError("; ".join(f"{_activity_name(session, k)} {p}" for k, p in problems.items()))
    team = team_matrix_id(session)
    before = matrix_cells(session, team)
    session.execute(delete(RaciCell).where(RaciCell.matrix_id == team))
    session.execute(
        insert(RaciCell.__table__),
        [
            {
                "matrix_id": team,
                "activity_id": activity_ids[activity],
                "role_id": role_ids[role],
                "letters": letters,
            }
            for activity, row in matrix.items()
            for role, letters in row.items()
        ],
    )
    return before


def presets(session: Session) -> list[tuple[str, str, Matrix]]:
    """(name, description, matrix) of the whole-team presets."""
    return [
        (m.name, m.description, matrix_cells(session, m.id))
        for m in session.scalars(
            select(RaciMatrix)
            .where(RaciMatrix.kind == RaciMatrixKind.PRESET)
            .order_by(RaciMatrix.id)
        )
    ]


def override_presets(session: Session) -> list[str]:
    return list(
        session.scalars(
            select(RaciMatrix.name)
            .where(RaciMatrix.kind == RaciMatrixKind.OVERRIDE)
            .order_by(RaciMatrix.id)
        )
    )


def apply_team_preset(session: Session, name: str) -> Matrix:
    """Make a preset the team matrix; returns the matrix it replaced."""
    for preset_name, _, matrix in presets(session):
        if preset_name.lower() == name.lower():
            return set_team_matrix(session, matrix)
    raise RaciError(f"There is no team preset called {name!r}.")


def set_override(
    session: Session, account_id: int, activity_key: str, row: dict[str, str] | None
) -> dict[str, str] | None:
    """Give the account its own row for an activity (None: follow the team matrix
    again). Returns the override it had, or None."""
    activity_ids, role_ids = _ids(session)
    if activity_key not in activity_ids:
        raise RaciError(f"There is no RACI activity {activity_key!r}.")
    if session.get(Account, account_id) is None:
        raise RaciError(f"There is no account with id {account_id}.")
    before = account_overrides(session, account_id).get(activity_key)
    if row is not None:
        row = _clean(row)
        problem = row_problem(row)
        if problem:
            raise RaciError(f"{_activity_name(session, activity_key)} {problem}.")
    session.execute(
        delete(RaciOverride).where(
            RaciOverride.account_id == account_id,
            RaciOverride.activity_id == activity_ids[activity_key],
        )
    )
    if row:
        session.execute(
            insert(RaciOverride.__table__),
            [
                {
                    "account_id": account_id,
                    "activity_id": activity_ids[activity_key],
                    "role_id": role_ids[role],
                    "letters": letters,
                }
                for role, letters in row.items()
            ],
        )
    return before


def _activity_name(session: Session, key: str) -> str:
    return session.scalar(select(RaciActivity.name).where(RaciActivity.key == key)) or key


# -- the org model a new book starts with ------------------------------------------------
def org_model_note(session: Session) -> str | None:
    """When the book has accounts but no R&E manager on any, and the team matrix gives
    renewals to the R&E manager or the CSM: the fallback chain makes each account's CSM
    own renewals and upsell, the "CSM owns all" model. Said once, after the first
    import, so the user knows who owns what and where to change it."""
    if session.scalar(select(Account.id).limit(1)) is None:
        return None
    if session.scalar(select(Account.id).where(Account.re_manager_id.is_not(None)).limit(1)):
        return None
    field = AccountableIndex(session).owner_field("renewal", 0)
    if field not in ("re_manager_id", "csm_id"):
        return None
    return (
        "No R&E managers in this book: renewals and upsell are owned by each account's "
        "CSM (the 'CSM owns all' model). Change it on the RACI page."
    )
