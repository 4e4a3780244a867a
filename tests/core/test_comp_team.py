"""The CSM group bonus on net retention: the floor, attainment and the cap worked by
hand; the team read from the book (the CSMs sharing people.team, or every CSM); the
`comp` command's team_nrr, attainment and bonus."""

import json
from decimal import Decimal as D

import pytest

from cswork.cli import main
from cswork.comp import PlanTerms, Quarter, statement, team_bonus
from cswork.comp_book import quarter_statement, team_nrr
from cswork.models import Person
from tests.factories import add_teams

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
    return add_teams(book, CSM_PLAN)


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
