"""`import` is followed by the alert scan: the report says how many CTAs it raised,
and the first import into a book without R&E managers says who owns renewals."""

import json
from datetime import date, timedelta

from cswork.cli import main as cli_main


def hubspot_companies(tmp_path):
    """A HubSpot companies export: owners by name, no R&E manager column."""
    soon, later = date.today() + timedelta(days=20), date.today() + timedelta(days=300)
    path = tmp_path / "hubspot-companies.csv"
    path.write_text(
        "Record ID,Company name,Annual Recurring Revenue,Renewal Date,CSM Name\n"
        f"9001,Acme Corp,120000,{soon},Jane Doe\n"
        f"9002,Beta LLC,48000,{later},Omar Haddad\n",
        encoding="utf-8",
    )
    return path


def test_import_json_says_how_many_ctas_the_scan_raised(tmp_path, capsys):
    db = str(tmp_path / "book.db")

    code = cli_main(["import", "accounts", str(hubspot_companies(tmp_path)), "--db", db, "--json"])

    report = json.loads(capsys.readouterr().out)
    assert code == 0, report
    assert report["ctas_raised"] == 1  # Acme's renewal, inside the 90-day lead time
    assert "CSM owns all" in report["org_model_note"]
    code = cli_main(["ctas", "--db", db, "--owner", "Jane Doe", "--json"])  # Jane's "Mine"
    ctas = json.loads(capsys.readouterr().out)
    assert code == 0
    assert [(c["account_name"], c["type"]) for c in ctas] == [("Acme Corp", "renewal")]
    assert "routed to the CSM" in ctas[0]["reason"]


def test_import_text_says_it_too(tmp_path, capsys):
    db = str(tmp_path / "book.db")

    code = cli_main(["import", "accounts", str(hubspot_companies(tmp_path)), "--db", db])

    out = capsys.readouterr().out.splitlines()
    assert code == 0
    assert out[0].startswith("Imported 2 new accounts")
    assert "The alert scan raised 1 CTA." in out
    assert out[-1] == (
        "No R&E managers in this book: renewals and upsell are owned by each account's "
        "CSM (the 'CSM owns all' model). Change it on the RACI page."
    )
