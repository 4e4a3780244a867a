"""Shares and rates read one way everywhere: 50%, 50 %, 0.5 and 50 are all half."""

import json
from decimal import Decimal as D

import pytest

from cswork.cli import main
from cswork.settings import SettingError, get_setting, set_setting
from cswork.shares import RATIO_MOST, ShareError, parse_share, share_text


@pytest.mark.parametrize(
    "text, share",
    [
        ("50%", D("0.5")),
        ("50 %", D("0.5")),
        ("0.5", D("0.5")),
        ("50", D("0.5")),  # above 1, a bare number can only be a percentage
        ("12.5%", D("0.125")),
        ("0.125", D("0.125")),
        ("1", D("1")),  # a bare 1 is the whole: write 1% for one percent
        ("1%", D("0.01")),
        ("0", D("0")),
        ("100%", D("1")),
    ],
)
def test_a_share_reads_alike_as_percent_or_fraction(text, share):
    assert parse_share(text) == share


def test_ratios_that_pass_one_read_fractions_up_to_ten():
    # an NRR target of 105 % written three ways, a 150 % cap two ways
    assert {parse_share(t, RATIO_MOST) for t in ("105%", "1.05", "105")} == {D("1.05")}
    assert parse_share("1.5", RATIO_MOST) == parse_share("150", RATIO_MOST) == D("1.5")


@pytest.mark.parametrize("text", ["", "%", "half", "5O%", "1.2.3", "nan"])
def test_what_is_not_a_share_is_named(text):
    with pytest.raises(ShareError, match=r"like 50% or 0\.5|Type a percentage"):
        parse_share(text)


def test_share_text():
    assert share_text(D("0.5")) == "50 %" and share_text(D("0.125")) == "12.5 %"


def test_the_comp_command_takes_shares_either_way(capsys):
    plan = ["comp", "--ote", "150000", "--renewable", "2000000", "--json"]
    main([*plan, "--variable-share", "50%", "--renewal-share", "40%", "--grr-target", "90%"])
    as_percent = json.loads(capsys.readouterr().out)
    main([*plan, "--variable-share", "0.5", "--renewal-share", "0.4", "--grr-target", "0.9"])
    as_fraction = json.loads(capsys.readouterr().out)
    # OTE 150,000 x 50 % = 75,000 variable, 40 % of it 30,000; 90 % of 2,000,000 = 1,800,000
    assert as_percent == as_fraction
    assert as_percent["renewal_variable"] == "30000.00"
    assert as_percent["renewal_quota"] == "1800000.00"
    with pytest.raises(SystemExit):  # argparse's own refusal: exit status 2
        main([*plan, "--commission-rate", "ten"])
    assert "'ten' is not a percentage" in capsys.readouterr().err


def test_the_grr_target_setting_takes_either_and_keeps_the_fraction(book):
    with book.writing() as session:
        set_setting(session, "grr_target", "85%")
    with book.session() as session:
        assert D(get_setting(session, "grr_target")) == D("0.85")
    with book.writing() as session:
        set_setting(session, "grr_target", "0.95")
        with pytest.raises(SettingError, match="at most 100 %"):
            set_setting(session, "grr_target", "120%")
