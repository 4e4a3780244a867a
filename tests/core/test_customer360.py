"""The Customer360's core: success plans, scorecard history and explanation, weights,
RACI editing and routing, contacts, and the account/raci commands."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from cswork import raci
from cswork.alerts import scan
from cswork.cli import main
from cswork.contacts import ContactError, add_contact, contacts_of, delete_contact, update_contact
from cswork.enums import ContactRole, CtaType, ObjectiveStatus
from cswork.health import overall_health
from cswork.models import Account, Cta, ScoreCategory
from cswork.plans import (
    PlanError,
    add_objective,
    create_plan,
    delete_objective,
    plan_of,
    progress,
    update_milestone,
    update_objective,
)
from cswork.scorecard import (
    ScoreError,
    check_weights,
    recompute_all_health,
    record_scores,
    scorecard,
    set_categories,
)
from tests.conftest import TODAY
from tests.factories import add_account, add_people

NOW = datetime(2026, 11, 23, 9, tzinfo=UTC)


@pytest.fixture
def people(book):
    return add_people(book)


@pytest.fixture
def account(book, people):
    return add_account(
        book,
        TODAY,
        60,
        external_id="ACME",
        name="Acme Corp",
        csm_id=people["csm"],
        re_manager_id=people["re"],
        ae_id=people["ae"],
    )


def category_ids(book):
    with book.session() as session:
        return list(session.scalars(select(ScoreCategory.id).order_by(ScoreCategory.position)))


def record(book, account, day, **scores):
    cats = category_ids(book)
    with book.writing() as session:
        record_scores(
            session,
            account,
            {cats[int(k[1:])]: (v, None) for k, v in scores.items()},
            day,
            None,
            NOW,
        )


# -- scorecard ----------------------------------------------------------------------
def test_the_explanation_names_the_costliest_category_and_the_last_change(book, account):
    record(book, account, TODAY - timedelta(days=40), c0=90, c1=80, c2=70)
    record(book, account, TODAY - timedelta(days=2), c1=40)
    with book.session() as session:
        card = scorecard(session, account, TODAY)
    assert card.health == 67  # (90 + 40 + 70) / 3 = 66.7
    assert card.band == "yellow"
    # support (40) costs 60 * 1/3 = 20 points of the 33 below a perfect score
    assert "Support & escalations costs the most: 20 of the 33 points" in card.explanation
    assert (
        "Last change on" in card.explanation and "Support & escalations 80→40" in card.explanation
    )
    assert "health 80→67" in card.explanation


def test_history_gives_the_trend_and_the_30_day_change(book, account):
    record(book, account, TODAY - timedelta(days=120), c0=90)
    record(book, account, TODAY - timedelta(days=45), c0=80)
    record(book, account, TODAY - timedelta(days=10), c0=60)
    with book.session() as session:
        card = scorecard(session, account, TODAY)
    assert card.change_points == -20  # 80 thirty days ago, 60 now
    assert card.trend == [
        (TODAY - timedelta(days=90), 90),
        (TODAY - timedelta(days=45), 80),
        (TODAY - timedelta(days=10), 60),
    ]
    with book.session() as session:
        assert session.get(Account, account).health == 60


def test_every_change_is_a_snapshot_and_history_is_kept(book, account):
    record(book, account, TODAY - timedelta(days=5), c0=70)
    record(book, account, TODAY, c0=20)
    with book.session() as session:
        card = scorecard(session, account, TODAY)
        first = scorecard(session, account, TODAY - timedelta(days=1))
    assert card.categories[0].score == 20 and card.categories[0].previous_score == 70
    assert first.categories[0].score == 70  # the book as it was


def test_scores_out_of_range_are_refused(book, account):
    cats = category_ids(book)
    with pytest.raises(ScoreError), book.writing() as session:
        record_scores(session, account, {cats[0]: (101, None)}, TODAY, None, NOW)


def test_weights_must_sum_to_100_and_health_follows_them(book, account):
    cats = category_ids(book)
    assert "add up to 100%" in check_weights({c: 1000 for c in cats})
    record(book, account, TODAY, c0=100, c1=0)
    with book.session() as session:
        assert session.get(Account, account).health == 50
    weights = {c: 0 for c in cats} | {cats[0]: 7500, cats[1]: 2500}
    with book.writing() as session:
        set_categories(session, {cats[0]: "Adoption"}, weights)
    with book.session() as session:
        assert session.get(Account, account).health == 75
        assert session.get(ScoreCategory, cats[0]).name == "Adoption"
    with pytest.raises(ScoreError), book.writing() as session:
        set_categories(session, {}, {c: 1000 for c in cats})


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(st.tuples(st.integers(0, 7), st.integers(0, 100)), min_size=1, max_size=12),
    st.lists(st.integers(0, 3000), min_size=8, max_size=8),
)
def test_the_database_recomputes_health_as_python_does(book, account, changes, raw_weights):
    cats = category_ids(book)
    with book.writing() as session:
        for category, weight in zip(cats, raw_weights, strict=True):
            session.get(ScoreCategory, category).weight_bp = weight
        for n, (category, value) in enumerate(changes):
            record_scores(
                session,
                account,
                {cats[category]: (value, None)},
                TODAY - timedelta(days=len(changes) - n),
                None,
                NOW,
            )
        recompute_all_health(session)
        latest = {cats[c]: v for c, v in changes}
        expected = overall_health(latest, dict(zip(cats, raw_weights, strict=True)))
        assert session.get(Account, account).health == expected
        session.rollback()


# -- success plans -------------------------------------------------------------------
def test_a_plan_from_the_segment_template_and_its_progress(book, account, people):
    with book.writing() as session:
        plan_id = create_plan(session, account, TODAY)
    with book.session() as session:
        plan = plan_of(session, account)
        assert plan.id == plan_id and plan.template.startswith("High-touch")
        assert [m.name for m in plan.milestones][:2] == [
            "Strategy Session held",
            "Onboarding complete",
        ]
        assert all(o.owner_id == people["csm"] for o in plan.objectives)
        ids = [o.id for o in plan.objectives]
        milestone = plan.milestones[0]
    with book.writing() as session:
        before = update_objective(session, ids[0], status="achieved", progress=100)
        update_objective(session, ids[1], status=ObjectiveStatus.DROPPED)
        update_milestone(
            session,
            milestone.id,
            due_on=TODAY - timedelta(days=5),
            done_on=TODAY - timedelta(days=6),
        )
    assert before == {"status": ObjectiveStatus.NOT_STARTED, "progress": 0}
    with book.session() as session:
        rolled = progress(plan_of(session, account), TODAY)
    assert (rolled.objectives_achieved, rolled.objectives_counted) == (1, 2)
    assert (rolled.milestones_done_on_time, rolled.milestones_due) == (1, 1)
    assert rolled.percent == 50 and "1 of 2 objectives achieved" in rolled.summary
    with pytest.raises(PlanError, match="already has"), book.writing() as session:
        create_plan(session, account, TODAY)


def test_objective_edits_are_checked_and_a_delete_can_be_undone(book, account):
    with book.writing() as session:
        plan_id = create_plan(session, account, TODAY)
        objective = add_objective(session, plan_id, title="Cut ticket volume", progress=10)
    with pytest.raises(PlanError), book.writing() as session:
        update_objective(session, objective, progress=150)
    with pytest.raises(PlanError), book.writing() as session:
        update_objective(session, objective, title="  ")
    with book.writing() as session:
        kept = delete_objective(session, objective)
        add_objective(session, kept.pop("plan_id"), **kept)
    with book.session() as session:
        assert "Cut ticket volume" in [o.title for o in plan_of(session, account).objectives]


# -- RACI ----------------------------------------------------------------------------
def test_a_matrix_with_zero_or_two_accountables_is_refused(book):
    with book.session() as session:
        team = raci.matrix_cells(session, raci.team_matrix_id(session))
    two = team | {"renewal": {"csm": "A", "re_manager": "RA"}}
    none = team | {"renewal": {"csm": "C", "re_manager": "R"}}
    no_r = team | {"renewal": {"csm": "C", "re_manager": "A"}}
    assert raci.row_problem(two["renewal"]) == "needs exactly one A (has 2)"
    assert raci.row_problem(none["renewal"]) == "needs exactly one A"
    assert raci.row_problem(no_r["renewal"]) == "needs at least one R"
    for bad in (two, none, no_r):
        with pytest.raises(raci.RaciError, match="Renewal"), book.writing() as session:
            raci.set_team_matrix(session, bad)
    with book.session() as session:
        assert raci.matrix_cells(session, raci.team_matrix_id(session)) == team


def test_presets_and_overrides_resolve_to_people_and_route_alerts(book, people, account):
    other = add_account(
        book,
        TODAY,
        60,
        external_id="OTHER",
        csm_id=people["csm"],
        re_manager_id=people["re"],
        ae_id=people["ae"],
    )
    with book.writing() as session:
        raci.apply_team_preset(session, "CSM owns all")
    with book.session() as session:
        acme = session.get(Account, account)
        assert raci.accountable_for(session, "renewal", acme).id == people["csm"]
    with book.writing() as session:
        raci.apply_team_preset(session, "R&E team")
        before = raci.set_override(
            session, account, "renewal", {"csm": "C", "re_manager": "R", "ae": "A"}
        )
    assert before is None
    with book.session() as session:
        duty = {
            d.activity_key: d for d in raci.who_does_what(session, session.get(Account, account))
        }
        assert duty["renewal"].accountable.name == "Alex Edwards"
    scan(book, TODAY)
    with book.session() as session:
        owners = dict(
            session.execute(
                select(Cta.account_id, Cta.owner_id).where(Cta.type == CtaType.RENEWAL)
            ).all()
        )
    assert owners == {account: people["ae"], other: people["re"]}  # the override routes it
    with book.writing() as session:
        assert raci.set_override(session, account, "renewal", None) is not None
    with book.session() as session:
        assert raci.account_overrides(session, account) == {}


def test_a_bad_override_row_is_refused(book, account):
    with pytest.raises(raci.RaciError), book.writing() as session:
        raci.set_override(session, account, "renewal", {"csm": "A", "ae": "A"})


# -- contacts ------------------------------------------------------------------------
def test_contacts_are_kept_and_ordered_leavers_last(book, account):
    with book.writing() as session:
        dana = add_contact(
            session,
            account,
            name="Dana",
            role=ContactRole.CHAMPION,
            sentiment="positive",
            email="dana@acme.com",
        )
        add_contact(session, account, name="Sam", role="executive sponsor")
        before = update_contact(session, dana, left_on=TODAY)
    assert before == {"left_on": None}
    with book.session() as session:
        assert [c.name for c in contacts_of(session, account)] == ["Sam", "Dana"]
    with pytest.raises(ContactError), book.writing() as session:
        add_contact(session, account, name="X", email="not-an-email")
    with book.writing() as session:
        kept = delete_contact(session, dana)
        add_contact(session, kept.pop("account_id"), **kept)
    with book.session() as session:
        assert len(contacts_of(session, account)) == 2


# -- command line ----------------------------------------------------------------------
def test_account_json_has_the_customer360(book, book_path, account, capsys):
    record(book, account, TODAY - timedelta(days=3), c0=40, c1=90)
    with book.writing() as session:
        create_plan(session, account, TODAY)
    code = main(["account", "ACME", "--db", str(book_path), "--as-of", TODAY.isoformat(), "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    assert {
        "external_id",
        "name",
        "arr",
        "renewal_date",
        "health",
        "band",
        "categories",
        "explanation",
        "plan_progress",
        "open_ctas",
        "who_does_what",
    } <= set(data)
    assert data["health"] == 65 and data["band"] == "yellow"
    assert data["categories"][0] == {
        "name": "Product adoption",
        "score": 40,
        "weight": "12.5",
        "comment": None,
        "measured_on": (TODAY - timedelta(days=3)).isoformat(),
    }
    assert data["categories"][2]["score"] is None
    riley = {"name": "Riley Evans", "email": "riley@example.com"}
    assert data["who_does_what"]["renewal"] == riley and data["re_manager"] == riley
    assert data["fields"] == {} and data["customer_since"] == "2025-10-19"
    assert data["plan_progress"]["objectives"] == 3


def test_raci_command_prints_and_applies_presets(book, book_path, account, capsys):
    assert main(["raci", "--db", str(book_path), "--preset", "Sales owns expansion"]) == 0
    capsys.readouterr()
    assert main(["raci", "--db", str(book_path), "--json"]) == 0
    team = {a["key"]: a["cells"] for a in json.loads(capsys.readouterr().out)["activities"]}
    assert team["upsell"] == {"csm": "C", "re_manager": "C", "ae": "RA"}
    assert (
        main(
            [
                "raci",
                "--db",
                str(book_path),
                "--account",
                "ACME",
                "--preset",
                "Strategic account",
                "--json",
            ]
        )
        == 0
    )
    acme = {a["key"]: a for a in json.loads(capsys.readouterr().out)["activities"]}
    assert acme["renewal"]["overridden"] and acme["renewal"]["accountable"] == {
        "name": "Alex Edwards",
        "email": "alex@example.com",
    }
    assert main(["raci", "--db", str(book_path), "--preset", "no such"]) == 2
    assert "no team preset called" in capsys.readouterr().err
