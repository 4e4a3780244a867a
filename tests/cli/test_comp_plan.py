"""`comp plan`: a comp plan made and changed from the command line with the plan
editor's checks, one line per bad field and nothing saved on error; the `comp` verb's
other uses unchanged."""

import json
from decimal import Decimal as D

import pytest

from cswork.cli import main
from cswork.comp_book import plan_for
from tests.factories import add_people

WORKED = [
    "--set",
    "ote=150000",
    "--set",
    "variable_share=50%",
    "--set",
    "renewal_share=40%",
    "--set",
    "commission_rate=10%",
    "--set",
    "grr_target=90%",
    "--set",
    "currency=USD",
]


@pytest.fixture
def people(book):
    return add_people(book)


def plan(book_path, *argv):
    return main(["comp", "plan", *argv, "--db", str(book_path)])


def test_a_plan_made_from_the_command_line_is_the_worked_example(book, book_path, people, capsys):
    assert (
        plan(book_path, "--person", "riley@example.com", *WORKED, "--year", "2026", "--json") == 0
    )
    data = json.loads(capsys.readouterr().out)
    # OTE 150,000 at 50 % = 75,000 variable; 40 % of it renewals (30,000), the rest upsell
    # (45,000); at a 10 % commission rate the upsell quota is 450,000 a year, 112,500 a quarter
    assert data["created"] is True and data["year"] == 2026 and data["currency"] == "USD"
    assert (data["variable"], data["renewal_variable"], data["upsell_variable"]) == (
        "75000.00",
        "30000.00",
        "45000.00",
    )
    assert data["quarterly_upsell_quota"] == "112500.00"
    with book.session() as session:
        saved = plan_for(session, people["re"], 2026)
    assert saved.ote_cents == 150_000_00 and saved.variable_share == D("0.5")
    assert saved.grr_target == D("0.9") and saved.currency == "USD"
    # AND then changed one field, the same share written as a fraction
    assert (
        plan(
            book_path, "--person", "riley@example.com", "--set", "grr_target=0.85", "--year", "2026"
        )
        == 0
    )
    assert capsys.readouterr().out.startswith("Changed riley@example.com's plan for 2026")
    with book.session() as session:
        changed = plan_for(session, people["re"], 2026)
    assert changed.grr_target == D("0.85") and changed.ote_cents == 150_000_00


def test_a_csm_plan_with_the_group_bonus(book, book_path, people, capsys):
    argv = ["--person", "casey@example.com", "--year", "2026", "--json"]
    bonus = ["--set", "team_nrr_share=40%", "--set", "team_nrr_target=105%"]
    assert plan(book_path, *argv, "--set", "ote=100000", "--set", "variable_share=25%", *bonus) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["team_nrr_share"] == "0.4" and data["team_nrr_target"] == "1.05"
    # 25,000 variable: 40 % (10,000) on the team's NRR, 15,000 left for the quotas
    assert data["team_nrr_variable"] == "10000.00" and data["renewal_variable"] == "7500.00"


def test_every_bad_field_is_named_and_nothing_is_saved(book, book_path, people, capsys):
    argv = ["--person", "casey@example.com", "--year", "2026"]
    bad = ["--set", "ote=lots", "--set", "renewal_share=140%", "--set", "colour=blue"]
    assert plan(book_path, *argv, *bad, "--set", "currency=US") == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "error: nothing saved: 4 fields to fix"
    assert err[1] == "  ote: 'lots' is not an amount of money"
    assert err[2] == "  renewal_share: The renewal share must be between 0 % and 100 %, not 140 %."
    assert err[3].startswith("  colour: 'colour' is not a plan field; the fields are ote, ")
    assert err[4] == "  currency: 'US' is not a currency code (3 letters, like USD)."
    # the CSM's 20-30 % rule, as the editor has it; and a bonus only a CSM can have
    assert plan(book_path, *argv, "--set", "variable_share=0.4") == 2
    assert (
        "variable_share: A CSM's variable share is 20 % to 30 % of OTE." in capsys.readouterr().err
    )
    riley = ["--person", "riley@example.com", "--year", "2026", "--set", "team_nrr_share=50%"]
    assert plan(book_path, *riley) == 2
    assert "team_nrr_share: The group bonus on net retention is part of a CSM's plan." in (
        capsys.readouterr().err
    )
    with book.session() as session:
        assert plan_for(session, people["csm"], 2026) is None
        assert plan_for(session, people["re"], 2026) is None


def test_plan_needs_a_person_and_fields_and_set_needs_plan(book, book_path, people, capsys):
    assert plan(book_path, "--set", "ote=1") == 2
    assert "comp plan needs --person EMAIL" in capsys.readouterr().err
    assert plan(book_path, "--person", "casey@example.com") == 2
    assert "at least one --set" in capsys.readouterr().err
    assert plan(book_path, "--person", "casey@example.com", "--set", "ote") == 2
    assert "write it as FIELD=VALUE" in capsys.readouterr().err
    argv = ["comp", "--person", "casey@example.com", "--set", "ote=1", "--db", str(book_path)]
    assert main(argv) == 2
    assert "go with `comp plan`" in capsys.readouterr().err
