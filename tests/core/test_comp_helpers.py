"""Small core helpers the Comp page leans on: the seed's plan per role, the CSM's
20-30 % check, the upsell formula in the plan's own tiers, taking a plan away (undo)."""

from datetime import date
from decimal import Decimal as D

import pytest

from cswork.comp import (
    HOW_UPSELL,
    CompError,
    PlanTerms,
    check_for_role,
    csm_split,
    how_upsell,
    seed_terms,
)
from cswork.comp_book import plan_for, remove_plan, save_plan
from cswork.demo import build_demo
from cswork.enums import PersonRole
from cswork.models import Person
from tests.factories import add_people


def test_the_seed_plans_are_the_worked_examples():
    re_plan = seed_terms(PersonRole.RE_MANAGER)
    assert (re_plan.variable, re_plan.renewal_variable, re_plan.upsell_variable) == (
        75_000_00,
        30_000_00,
        45_000_00,
    )
    assert re_plan.quarterly_upsell_quota == 112_500_00
    csm = seed_terms(PersonRole.CSM)
    assert csm_split(csm.ote_cents, csm.variable_share) == (75_000_00, 25_000_00)


def test_the_seed_plans_are_the_demo_books_plans(book):
    build_demo(book, 30, seed=1, today=date(2026, 11, 23))
    with book.session() as session:
        for person in session.query(Person):
            found = plan_for(session, person.id, 2026)
            if found is not None:
                assert found == seed_terms(person.role), person.role


def test_a_csm_plan_must_keep_the_variable_between_20_and_30_percent():
    terms = PlanTerms(ote_cents=100_000_00, variable_share=D("0.5"))
    check_for_role(terms, PersonRole.RE_MANAGER)  # fine for the six-step plan
    with pytest.raises(CompError, match="20 % to 30 %"):
        check_for_role(terms, PersonRole.CSM)


def test_how_upsell_words_the_plans_own_tiers():
    assert how_upsell(PlanTerms(ote_cents=1)) == HOW_UPSELL.format(tier1="1.5", tier2="2")
    three = PlanTerms(
        ote_cents=1, upsell_tiers={D("1.2"): D("1.25"), D("1.5"): D("2"), D("2"): D("3")}
    )
    assert "x1.25 on bookings above 120 % of the quarterly quota, x2 above 150 % and " in (
        how_upsell(three)
    )
    assert how_upsell(PlanTerms(ote_cents=1, upsell_tiers={})).startswith(
        "Upsell payout = bookings x commission rate. "
    )


def test_removing_a_plan_takes_it_away_and_returns_it(book):
    people = add_people(book)
    terms = seed_terms(PersonRole.RE_MANAGER)
    with book.writing() as session:
        assert save_plan(session, people["re"], 2026, terms) is None
    with book.writing() as session:
        assert remove_plan(session, people["re"], 2026) == terms
        assert remove_plan(session, people["re"], 2026) is None
    with book.session() as session:
        assert plan_for(session, people["re"], 2026) is None
