"""The team: adding, editing, deactivating people and handing their work on."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from cswork import ctas
from cswork.enums import CtaOutcome, CtaStatus, CtaType, OpportunityKind, PersonRole
from cswork.models import Account, Cta, Opportunity, Person, TimelineEntry
from cswork.opportunities import create_opportunity
from cswork.people import (
    PersonError,
    add_person,
    all_people,
    deactivate_person,
    delete_person,
    find_person,
    open_work,
    parse_role,
    reactivate_person,
    reassign,
    restore_person,
    team_list,
    undo_deactivate,
    undo_reassign,
    update_person,
)
from cswork.timeline import add_entry, recent_entries
from tests.conftest import TODAY
from tests.factories import add_account, add_people


@pytest.mark.parametrize(
    ("typed", "role"),
    [
        ("CSM", PersonRole.CSM),
        ("Customer Success Manager", PersonRole.CSM),
        ("R&E manager", PersonRole.RE_MANAGER),
        ("R&E Manager", PersonRole.RE_MANAGER),
        ("re_manager", PersonRole.RE_MANAGER),
        ("Renewals Manager", PersonRole.RE_MANAGER),
        ("AE", PersonRole.AE),
        ("Account Executive", PersonRole.AE),
        ("CS leader", PersonRole.CS_LEADER),
        ("cs-leader", PersonRole.CS_LEADER),
    ],
)
def test_roles_are_read_as_people_type_them(typed, role):
    assert parse_role(typed) is role


def test_an_unknown_role_is_refused_with_the_words_that_work():
    with pytest.raises(PersonError, match=r"'Wizard' is not a role: use one of CSM, R&E Manager"):
        parse_role("Wizard")


def test_a_person_is_added_with_every_field_and_email_is_optional(book):
    with book.writing() as session:
        jane = add_person(
            session, " Jane Doe ", "Jane.Doe@Example.com", "CSM", team="EMEA", capacity="40"
        )
        rex = add_person(session, "Rex King", None, "R&E manager")
        jane_id, rex_id = jane.id, rex.id
    with book.session() as session:
        jane, rex = session.get(Person, jane_id), session.get(Person, rex_id)
        assert (jane.name, jane.email, jane.role, jane.team, jane.capacity, jane.active) == (
            "Jane Doe",
            "jane.doe@example.com",
            PersonRole.CSM,
            "EMEA",
            40,
            True,
        )
        assert (rex.email, rex.role, rex.active) == (None, PersonRole.RE_MANAGER, True)


@pytest.mark.parametrize(
    ("name", "email", "role", "capacity", "message"),
    [
        ("", "a@example.com", "CSM", None, "needs a name"),
        ("Ann", "not-an-email", "CSM", None, "'not-an-email' is not an email address"),
        ("Ann", "CASEY@example.com", "CSM", None, "Casey Morgan already has the email"),
        ("Ann", "ann@example.com", "Wizard", None, "'Wizard' is not a role"),
        ("Ann", "ann@example.com", "CSM", "lots", "Capacity 'lots' is not a whole number"),
        ("Ann", "ann@example.com", "CSM", -1, "out of range"),
    ],
)
def test_bad_people_are_refused_and_nothing_is_written(book, name, email, role, capacity, message):
    add_people(book)
    with pytest.raises(PersonError, match=message), book.writing() as session:
        add_person(session, name, email, role, capacity=capacity)
    with book.session() as session:
        assert len(all_people(session)) == 3


def test_an_edit_changes_every_field_and_can_be_put_back(book):
    people = add_people(book)
    with book.writing() as session:
        before = update_person(
            session, people["csm"], "Casey M. Morgan", "casey.m@example.com", "AE", "West", 12
        )
    with book.session() as session:
        casey = session.get(Person, people["csm"])
        assert (casey.name, casey.email, casey.role, casey.team, casey.capacity) == (
            "Casey M. Morgan",
            "casey.m@example.com",
            PersonRole.AE,
            "West",
            12,
        )
    with book.writing() as session:
        restore_person(session, people["csm"], before)
    with book.session() as session:
        casey = session.get(Person, people["csm"])
        assert (casey.name, casey.email, casey.role) == (
            "Casey Morgan",
            "casey@example.com",
            PersonRole.CSM,
        )


def test_an_edit_may_keep_its_own_email_but_not_take_someone_elses(book):
    people = add_people(book)
    with book.writing() as session:
        update_person(session, people["csm"], "Casey", "casey@example.com", "CSM")
    with pytest.raises(PersonError, match="Riley Evans already has"), book.writing() as session:
        update_person(session, people["csm"], "Casey", "riley@example.com", "CSM")


def _cta(session, account_id, owner_id, reason="Renew"):
    return ctas.create_cta(
        session,
        account_id=account_id,
        cta_type=CtaType.RENEWAL,
        reason=reason,
        due_on=TODAY,
        owner_id=owner_id,
    )


def test_reassign_moves_accounts_in_every_role_and_open_work_but_not_history(book):
    people = add_people(book)
    with book.writing() as session:
        sam = add_person(session, "Sam Lee", "sam@example.com", "CSM").id
    owned = add_account(book, TODAY, external_id="A", csm_id=people["csm"])
    renewing = add_account(book, TODAY, external_id="B", re_manager_id=people["csm"])
    sold = add_account(book, TODAY, external_id="C", ae_id=people["csm"], csm_id=people["re"])
    with book.writing() as session:
        open_cta = _cta(session, owned, people["csm"])
        snoozed = _cta(session, renewing, people["csm"])
        ctas.snooze(session, snoozed, TODAY.replace(day=30), "later", TODAY)
        closed = _cta(session, owned, people["csm"], "Done before")
        ctas.close(session, closed, CtaOutcome.SUCCESS, "", datetime(2026, 11, 1, tzinfo=UTC))
        deal = create_opportunity(
            session, owned, OpportunityKind.UPSELL, close_date=TODAY, owner_id=people["csm"]
        )
        add_entry(session, owned, "note", "Kick-off went well", TODAY, people["csm"])
        assert open_work(session, people["csm"]) == (3, 2)

        moved = reassign(session, people["csm"], sam)
        assert moved.summary == "3 accounts and 2 open CTAs"

    with book.session() as session:
        owners = {
            a.external_id: (a.csm_id, a.re_manager_id, a.ae_id)
            for a in session.scalars(select(Account).order_by(Account.external_id))
        }
        assert owners == {
            "A": (sam, None, None),
            "B": (None, sam, None),
            "C": (people["re"], None, sam),
        }
        assert session.get(Cta, open_cta).owner_id == sam
        assert session.get(Cta, snoozed).owner_id == sam
        assert session.get(Cta, snoozed).status is CtaStatus.SNOOZED
        assert session.get(Cta, closed).owner_id == people["csm"]  # history stays theirs
        assert session.get(Opportunity, deal).owner_id == sam
        assert [a for _, a in recent_entries(session, owned)] == ["Casey Morgan"]
        assert open_work(session, people["csm"]) == (0, 0)

    with book.writing() as session:
        undo_reassign(session, moved)
    with book.session() as session:
        assert session.get(Account, owned).csm_id == people["csm"]
        assert session.get(Account, sold).ae_id == people["csm"]
        assert session.get(Account, sold).csm_id == people["re"]
        assert session.get(Cta, snoozed).owner_id == people["csm"]


def test_reassign_refuses_an_inactive_taker_and_the_same_person(book):
    people = add_people(book)
    with book.writing() as session:
        deactivate_person(session, people["ae"])
    with pytest.raises(PersonError, match="Alex Edwards is inactive"), book.writing() as s:
        reassign(s, people["csm"], people["ae"])
    with pytest.raises(PersonError, match="pick someone else"), book.writing() as s:
        reassign(s, people["csm"], people["csm"])


def test_a_deactivated_person_keeps_history_and_is_not_offered_for_new_work(book):
    people = add_people(book)
    account_id = add_account(book, TODAY, csm_id=people["csm"])
    with book.writing() as session:
        add_entry(session, account_id, "call", "QBR booked", TODAY, people["csm"])
        assert deactivate_person(session, people["csm"]) is None  # nothing handed on
    with book.session() as session:
        assert [p.name for p in all_people(session, active_only=True)] == [
            "Alex Edwards",
            "Riley Evans",
        ]
        assert len(all_people(session)) == 3
        # A filter or an import of history still finds them; a new assignment does not.
        assert find_person(session, "casey@example.com").id == people["csm"]
        assert find_person(session, "Casey Morgan", active_only=True) is None
        assert find_person(session, "riley@example.com", active_only=True).id == people["re"]
        assert [a for _, a in recent_entries(session, account_id)] == ["Casey Morgan"]
        rows = {r.name: r for r in team_list(session)}
        assert (rows["Casey Morgan"].active, rows["Casey Morgan"].accounts) == (False, 1)
        assert session.scalar(select(TimelineEntry.author_id)) == people["csm"]
    with pytest.raises(PersonError, match="already inactive"), book.writing() as session:
        deactivate_person(session, people["csm"])
    with book.writing() as session:
        reactivate_person(session, people["csm"])
    with book.session() as session:
        assert find_person(session, "Casey Morgan", active_only=True).id == people["csm"]
    with pytest.raises(PersonError, match="already active"), book.writing() as session:
        reactivate_person(session, people["csm"])


def test_deactivating_with_a_taker_hands_work_on_and_its_undo_takes_it_back(book):
    people = add_people(book)
    account_id = add_account(book, TODAY, csm_id=people["csm"])
    with book.writing() as session:
        cta = _cta(session, account_id, people["csm"])
        moved = deactivate_person(session, people["csm"], reassign_to=people["re"])
    assert (moved.account_ids, moved.ctas) == (frozenset({account_id}), (cta,))
    with book.session() as session:
        assert session.get(Person, people["csm"]).active is False
        assert session.get(Account, account_id).csm_id == people["re"]
    with book.writing() as session:
        undo_deactivate(session, people["csm"], moved)
    with book.session() as session:
        assert session.get(Person, people["csm"]).active is True
        assert session.get(Account, account_id).csm_id == people["csm"]
        assert session.get(Cta, cta).owner_id == people["csm"]


def test_an_added_person_can_be_taken_back(book):
    with book.writing() as session:
        person_id = add_person(session, "Temp", "temp@example.com", "AE").id
    with book.writing() as session:
        delete_person(session, person_id)
    with book.writing() as session:  # the email is free again
        add_person(session, "Temp", "temp@example.com", "AE")


def test_the_team_list_counts_each_account_once_per_person(book):
    people = add_people(book)
    add_account(book, TODAY, external_id="A", csm_id=people["csm"], re_manager_id=people["re"])
    add_account(book, TODAY, external_id="B", csm_id=people["csm"], ae_id=people["csm"])
    with book.session() as session:
        rows = team_list(session)
    assert [(r.name, r.role, r.accounts, r.active) for r in rows] == [
        ("Alex Edwards", PersonRole.AE, 0, True),
        ("Casey Morgan", PersonRole.CSM, 2, True),
        ("Riley Evans", PersonRole.RE_MANAGER, 1, True),
    ]
