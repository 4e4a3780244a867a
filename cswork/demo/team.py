"""The demo team, sized to the book: CSMs, R&E managers, AEs and one CS leader."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from random import Random

from cswork.demo import names
from cswork.enums import PersonRole

ACCOUNTS_PER_CSM = 400
ACCOUNTS_PER_RE_MANAGER = 2_000
ACCOUNTS_PER_AE = 1_000
# Person.capacity: accounts a CSM carries; renewals a business day an R&E manager can run.
CSM_CAPACITY = 450
RE_MANAGER_CAPACITY = 3


@dataclass
class Team:
    rows: list[dict] = field(default_factory=list)
    leader_id: int = 0
    csm_ids: list[int] = field(default_factory=list)
    re_manager_ids: list[int] = field(default_factory=list)
    ae_ids: list[int] = field(default_factory=list)


def make_team(
    rng: Random, accounts: int, first_id: int, taken_emails: set[str], created_at: datetime
) -> Team:
    team = Team()
    headcount = [
        (PersonRole.CS_LEADER, 1),
        (PersonRole.CSM, max(3, round(accounts / ACCOUNTS_PER_CSM))),
        (PersonRole.RE_MANAGER, max(2, round(accounts / ACCOUNTS_PER_RE_MANAGER))),
        (PersonRole.AE, max(2, round(accounts / ACCOUNTS_PER_AE))),
    ]
    person_id = first_id
    for role, count in headcount:
        for k in range(count):
            first, last = names.person_name(rng)
            if role == PersonRole.CSM:
                team_name, capacity, ids = (
                    names.CSM_TEAMS[k % len(names.CSM_TEAMS)],
                    CSM_CAPACITY,
                    team.csm_ids,
                )
            elif role == PersonRole.RE_MANAGER:
                team_name, capacity, ids = names.RE_TEAM, RE_MANAGER_CAPACITY, team.re_manager_ids
            elif role == PersonRole.AE:
                team_name, capacity, ids = names.AE_TEAMS[k % 2], None, team.ae_ids
            else:
                team_name, capacity, ids = names.LEADER_TEAM, None, []
                team.leader_id = person_id
            team.rows.append(
                {
                    "id": person_id,
                    "name": f"{first} {last}",
                    "role": role,
                    "email": names.unique_email(first, last, taken_emails),
                    "team": team_name,
                    "capacity": capacity,
                    "created_at": created_at,
                }
            )
            ids.append(person_id)
            person_id += 1
    return team
