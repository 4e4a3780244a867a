"""The CSM group bonus on net retention: the floor, attainment and the cap worked by
hand; the team read from the book (the CSMs sharing people.team, or every CSM); the
`comp` command's team_nrr, attainment and bonus."""

import json
from datetime import date
from decimal import Decimal as D

import pytest

from cswork.cli import main
from cswork.comp import PlanTerms, Quarter, statement, team_bonus
from cswork.comp_book import quarter_statement, save_plan, team_nrr
from cswork.enums import OpportunityKind, OpportunityStage, PersonRole
from cswork.models import Person
from cswork.opportunities import close_opportunity, create_opportunity
from tests.factories import add_account

Q4 = Quarter(2026, 4)
# OTE 100,000 at 25 %: 25,000 variable, 40 % of it (10,000 a year, 2,500 a quarter) on
# the team's NRR against a 100 % target
CSM_PLAN = PlanTerms(
    ote_cents=100_000_00,
    variable_share=D("0.25"),
    renewal_share=D("0.5"),
    team_nrr_share=D("0.4"),
    team_nrr_target=D("1"),
)


@pytest.mark.parametrize(
    "nrr, attainment, bonus",
    [
        (D("0.94"), D("0.94"), 0),  # below the floor, 95 % of the 100 % target: nothing
        (D("0.95"), D("0.95"), 2_375_00),  # at the floor: 2,500 x 95 %
        (D("1.10"), D("1.1"), 2_750_00),  # 2,500 x 110 %
        (D("1.60"), D("1.5"), 3_750_00),  # capped at 150 %: 2,500 x 150 %
    ],
)
def test_the_bonus_has_a_floor_and_a_cap(nrr, attainment, bonus):
    found = team_bonus(CSM_PLAN, nrr)
    assert (found.attainment, found.bonus) == (attainment, bonus)


def test_the_bonus_takes_its_share_off_the_quotas_and_adds_to_the_total():
    # 25,000 variable: 10,000 on NRR, the other 15,000 split half renewals, half upsell
    assert CSM_PLAN.team_nrr_variable == 10_000_00
    assert (CSM_PLAN.renewal_variable, CSM_PLAN.upsell_variable) == (7_500_00, 7_500_00)
    # a stated target of 105 % met exactly is 100 % attainment: the quarter's 2,500
    terms = PlanTerms(ote_cents=100_000_00, variable_share=D("0.25"), team_nrr_share=D("0.4"))
    terms = PlanTerms(**{**terms.__dict__, "team_nrr_target": D("1.05")})
    result = statement(terms, Q4, 0, [], team_nrr=D("1.05"))
    assert result.team.bonus == 2_500_00 and result.total_payout == 2_500_00
    assert team_bonus(PlanTerms(ote_cents=1), D("2")) is None  # no share: no bonus


@pytest.fixture
def teams(book):
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
        save_plan(session, ids["casey"], 2026, CSM_PLAN)
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


def test_the_team_is_the_csms_sharing_the_team(book, teams):
    with book.session() as session:
        east = team_nrr(session, teams["casey"], Q4)
        result = quarter_statement(session, teams["casey"], Q4)
    # East starts at 600,000 + 400,000 = 1,000,000; expansion 60,000 + 40,000 = 100,000;
    # Wes's churn is West's: NRR = 1,100,000 / 1,000,000 = 110 %
    assert east.team == "East" and east.members == ["Casey Morgan", "Dana Lee"]
    assert (east.starting_arr, east.churned, east.expansion) == (1_000_000_00, 0, 100_000_00)
    assert east.nrr == D("1.1")
    # 2,500 a quarter x 110 % = 2,750
    assert result.team.attainment == D("1.1") and result.team.bonus == 2_750_00


def test_without_a_team_it_is_every_csm(book, teams):
    with book.writing() as session:
        session.get(Person, teams["casey"]).team = None
    with book.session() as session:
        everyone = team_nrr(session, teams["casey"], Q4)
        result = quarter_statement(session, teams["casey"], Q4)
    # 1,500,000 at the start, 500,000 churned, 100,000 expansion: 1,100,000 / 1,500,000
    # = 73.33 %, under the 95 % floor: no bonus
    assert everyone.team is None and len(everyone.members) == 3
    assert everyone.nrr == D("0.7333")
    assert result.team.bonus == 0 and result.team.below_floor


def test_the_comp_command_gives_team_nrr_attainment_and_bonus(book, book_path, teams, capsys):
    argv = ["comp", "--person", "casey@example.com", "--quarter", "2026Q4", "--json"]
    assert main([*argv, "--db", str(book_path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["team_nrr"], data["attainment"], data["bonus"]) == ("1.1", "1.1", "2750.00")
    assert data["team"] == "East" and data["team_members"] == ["Casey Morgan", "Dana Lee"]
    total = D(data["renewal_payout"]) + D(data["upsell_payout"]) + D("2750.00")
    assert D(data["total_payout"]) == total
