"""The account fields: our export's headers (`export accounts`) and the names CRMs
give the same columns, with the parser each cell goes through."""

from __future__ import annotations

from cswork.enums import AccountStatus, PersonRole, Segment
from cswork.importing.fields import (
    Field,
    FieldSet,
    choice_field,
    mapped,
    plain,
    read_date,
    text_up_to,
)
from cswork.importing.values import (
    parse_arr,
    parse_count,
    parse_currency,
    parse_months,
    parse_person,
    parse_yes_no,
)
from cswork.money import CURRENCY_SYMBOLS

SEGMENT_ALIASES = {
    "high": "high-touch",
    "low": "low-touch",
    "techtouch": "low-touch",
    "scaled": "low-touch",
    "pooled": "low-touch",
}
STATUS_ALIASES = {
    "live": "active",
    "customer": "active",
    "churn": "churned",
    "cancelled": "churned",
    "canceled": "churned",
    "lost": "churned",
}

# The canonical fields are our export's headers, so an export imports back unchanged.
ACCOUNT_FIELDS = FieldSet(
    "account",
    [
        Field(
            "external_id",
            text_up_to(100),
            required=True,
            synonyms=(
                "Account ID",
                "External ID",
                "ID",
                "Record ID",
                "Account Number",
                "Customer ID",
                "CRM ID",
            ),
        ),
        Field(
            "name",
            text_up_to(300),
            required=True,
            synonyms=(
                "Account Name",
                "Name",
                "Customer Name",
                "Company",
                "Company Name",
                "Customer",
            ),
        ),
        Field(
            "parent_external_id",
            text_up_to(100),
            repeats=True,
            synonyms=("Parent Account ID", "Parent ID", "Parent External ID"),
        ),
        choice_field(
            "segment",
            Segment,
            SEGMENT_ALIASES,
            repeats=True,
            synonyms=("Segment", "Customer Segment", "Account Segment", "Touch Model"),
        ),
        Field("industry", text_up_to(100), repeats=True, synonyms=("Industry", "Vertical")),
        Field(
            "arr",
            plain(parse_arr),
            column="arr_cents",
            synonyms=("ARR", "Annual Recurring Revenue", "Current ARR", "ARR (USD)"),
        ),
        Field(
            "currency",
            mapped("currency", parse_currency),
            mappable=True,
            choices=tuple(CURRENCY_SYMBOLS),  # what the wizard offers; any code reads
            repeats=True,
            synonyms=("Currency", "Currency Code", "Account Currency", "ARR Currency"),
        ),
        Field(
            "licenses",
            plain(parse_count),
            repeats=True,
            synonyms=(
                "Licenses",
                "Seats",
                "Licences",
                "Licenses Purchased",
                "Purchased Licenses",
                "Seats Purchased",
            ),
        ),
        Field(
            "licenses_used",
            plain(parse_count),
            repeats=True,
            synonyms=(
                "Licenses Used",
                "Seats Used",
                "Licenses In Use",
                "Used Licenses",
                "Active Seats",
                "Active Users",
            ),
        ),
        Field(
            "contract_start",
            read_date,
            dates=True,
            repeats=True,
            synonyms=("Contract Start Date", "Contract Start"),
        ),
        Field(
            # When the customer relationship began: retention metrics count from here.
            "customer_since",
            read_date,
            dates=True,
            repeats=True,
            synonyms=(
                "Customer Since",
                "Start Date",
                "Became Customer",
                "Customer Start Date",
                "Date Became Customer",
            ),
        ),
        Field(
            "renewal_date",
            read_date,
            dates=True,
            repeats=True,
            synonyms=(
                "Renewal Date",
                "Contract End Date",
                "Contract End",
                "End Date",
                "Next Renewal Date",
            ),
        ),
        Field(
            "term_months",
            plain(parse_months),
            repeats=True,
            synonyms=(
                "Term (months)",
                "Term",
                "Contract Term",
                "Contract Term (months)",
                "Term Months",
            ),
        ),
        Field(
            "auto_renew",
            plain(parse_yes_no),
            repeats=True,
            synonyms=("Auto Renew", "Auto Renewal", "Auto-Renews", "Evergreen"),
        ),
        choice_field(
            "status",
            AccountStatus,
            STATUS_ALIASES,
            repeats=True,
            synonyms=("Status", "Account Status", "Customer Status"),
        ),
        Field(
            "csm",
            plain(parse_person),
            repeats=True,
            column="csm_id",
            synonyms=("Customer Success Manager", "CSM", "CSM Email", "CSM Name", "CS Manager"),
        ),
        Field(
            "re_manager",
            plain(parse_person),
            repeats=True,
            column="re_manager_id",
            synonyms=(
                "Renewal Manager",
                "R&E Manager",
                "Renewals Manager",
                "Renewal Owner",
                "R&E Manager Email",
            ),
        ),
        Field(
            "ae",
            plain(parse_person),
            repeats=True,
            column="ae_id",
            synonyms=(
                "Account Owner",
                "AE",
                "Account Executive",
                "Account Owner Email",
                "Sales Rep",
            ),
        ),
    ],
    keeps_custom=True,  # Region, Tier, Plan...: see cswork.importing.custom_fields
)
# The owner columns, and the role a person created for one gets.
OWNER_ROLES = {
    "csm_id": PersonRole.CSM,
    "re_manager_id": PersonRole.RE_MANAGER,
    "ae_id": PersonRole.AE,
}
