from cswork.accounts import account_overview
from cswork.enums import Segment
from cswork.models import Account
from cswork.raci import accountable_for, apply_override_preset, who_does_what
from cswork.seed import STRATEGIC_PRESET
from tests.conftest import TODAY
from tests.factories import add_account, add_people


def test_team_matrix_resolves_to_the_accounts_people(book):
    people = add_people(book)
    account_id = add_account(
        book, TODAY, csm_id=people["csm"], re_manager_id=people["re"], ae_id=people["ae"]
    )
    with book.session() as session:
        account = session.get(Account, account_id)
        assert accountable_for(session, "renewal", account).id == people["re"]
        assert accountable_for(session, "success_plan", account).id == people["csm"]
        assert accountable_for(session, "cross_sell", account).id == people["ae"]
        duties = {d.activity_key: d for d in who_does_what(session, account)}
        assert len(duties) == 10
        for duty in duties.values():  # the seeded matrix is valid: one A, at least one R
            assert sum("A" in letters for letters in duty.letters_by_role.values()) == 1
            assert any("R" in letters for letters in duty.letters_by_role.values())


def test_strategic_override_makes_the_ae_accountable_for_renewal(book):
    people = add_people(book)
    account_id = add_account(
        book,
        TODAY,
        segment=Segment.STRATEGIC,
        csm_id=people["csm"],
        re_manager_id=people["re"],
        ae_id=people["ae"],
    )
    with book.writing() as session:
        apply_override_preset(session, [account_id], STRATEGIC_PRESET)
    with book.session() as session:
        account = session.get(Account, account_id)
        assert accountable_for(session, "renewal", account).id == people["ae"]
        assert accountable_for(session, "upsell", account).id == people["ae"]
        assert accountable_for(session, "success_plan", account).id == people["csm"]
        overview = account_overview(session, account_id, TODAY)
        assert overview.accountable("renewal").name == "Alex Edwards"
        assert overview.days_to_renewal == 60
