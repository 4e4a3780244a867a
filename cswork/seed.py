"""What every new book starts with: the team RACI matrix with its presets, the eight
scorecard categories and the default playbooks."""

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from cswork.enums import CtaType, RaciMatrixKind
from cswork.models import (
    Playbook,
    PlaybookTask,
    RaciActivity,
    RaciCell,
    RaciMatrix,
    RaciRole,
    ScoreCategory,
)
from cswork.raci import canonical_letters

# (key, name, account column holding the person in that role)
RACI_ROLES = [
    ("csm", "CSM", "csm_id"),
    ("re_manager", "R&E manager", "re_manager_id"),
    ("ae", "AE", "ae_id"),
]

RACI_ACTIVITIES = [
    ("strategy_session", "Strategy Session (kick-off after purchase)"),
    ("success_plan", "Success plan"),
    ("risk_tracking", "Risk tracking (8 categories)"),
    ("ebr", "EBR"),
    ("renewal", "Renewal"),
    ("upsell", "Upsell (more licenses)"),
    ("white_space", "Notify white space (another group could buy)"),
    ("cross_sell", "Cross-sell / new division"),
    ("services", "Services sale (one-time, managed)"),
    ("renewal_status", "Renewal status updates (weekly)"),
]

# activity -> (CSM, R&E manager, AE); "" is "-". The seed's R&E model.
RE_TEAM = {
    "strategy_session": ("AR", "C", "I"),
    "success_plan": ("AR", "I", ""),
    "risk_tracking": ("AR", "I", ""),
    "ebr": ("AR", "C", "I"),
    "renewal": ("C", "AR", "I"),
    "upsell": ("C", "AR", "I"),
    "white_space": ("R", "A", "I"),
    "cross_sell": ("C", "C", "AR"),
    "services": ("AR", "I", ""),
    "renewal_status": ("I", "AR", ""),
}
CSM_OWNS_ALL = RE_TEAM | {
    "renewal": ("AR", "I", "I"),
    "upsell": ("AR", "I", "I"),
    "white_space": ("AR", "I", "I"),
    "renewal_status": ("AR", "I", ""),
}
SALES_OWNS_EXPANSION = RE_TEAM | {
    "upsell": ("C", "C", "AR"),
    "white_space": ("R", "I", "A"),
}
# Applied per account: the largest accounts keep their AE as owner after the sale.
STRATEGIC_ACCOUNT = {
    "renewal": ("C", "R", "A"),
    "upsell": ("C", "C", "AR"),
    "cross_sell": ("C", "C", "AR"),
}

TEAM_MATRIX = "Team"
STRATEGIC_PRESET = "Strategic account"
RACI_PRESETS = [
    (TEAM_MATRIX, RaciMatrixKind.TEAM, "The matrix in force for the team.", RE_TEAM),
    (
        "CSM owns all",
        RaciMatrixKind.PRESET,
        "Early stage: the CSM is accountable for renewal and upsell.",
        CSM_OWNS_ALL,
    ),
    (
        "R&E team",
        RaciMatrixKind.PRESET,
        "An R&E manager owns renewals and upsell; the CSM owns adoption.",
        RE_TEAM,
    ),
    (
        "Sales owns expansion",
        RaciMatrixKind.PRESET,
        "The AE is accountable for upsell and cross-sell.",
        SALES_OWNS_EXPANSION,
    ),
    (
        STRATEGIC_PRESET,
        RaciMatrixKind.OVERRIDE,
        "Per account: the AE is accountable for upsell, cross-sell and renewal.",
        STRATEGIC_ACCOUNT,
    ),
]

SCORE_CATEGORIES = [
    ("adoption", "Product adoption"),
    ("support", "Support & escalations"),
    ("sentiment", "Sentiment (NPS/CSAT)"),
    ("exec_sponsor", "Executive sponsor engagement"),
    ("champion", "Champion stability"),
    ("outcomes", "Outcomes / success-plan progress"),
    ("financial", "Financial & payment"),
    ("competitive", "Competitive threat"),
]

PLAYBOOKS = [
    (
        "Renewal (90-day)",
        CtaType.RENEWAL,
        [
            ("Confirm the decision maker and the buying process", -30),
            ("Send the ROI summary", -20),
            ("Send the renewal quote", -10),
            ("Renewal call", 0),
        ],
    ),
    (
        "Risk",
        CtaType.RISK,
        [
            ("Find the cause with the customer", 0),
            ("Agree a recovery plan and log it on the timeline", 7),
            ("Check the scorecard again", 21),
        ],
    ),
    (
        "Onboarding",
        CtaType.LIFECYCLE,
        [
            ("Hold the Strategy Session", 0),
            ("Write the success plan with the customer", 7),
            ("Confirm onboarding complete", 30),
        ],
    ),
]


def seed_new_book(session: Session) -> None:
    if session.scalar(select(RaciActivity.id).limit(1)) is not None:
        return
    roles = {}
    for position, (key, name, field) in enumerate(RACI_ROLES):
        role = RaciRole(key=key, name=name, owner_field=field, position=position)
        session.add(role)
        roles[key] = role
    activities = {}
    for position, (key, name) in enumerate(RACI_ACTIVITIES):
        activity = RaciActivity(key=key, name=name, position=position)
        session.add(activity)
        activities[key] = activity
    session.flush()
    for name, kind, description, rows in RACI_PRESETS:
        matrix = RaciMatrix(name=name, kind=kind, description=description)
        session.add(matrix)
        session.flush()
        session.execute(
            insert(RaciCell),
            [
                {
                    "matrix_id": matrix.id,
                    "activity_id": activities[activity].id,
                    "role_id": roles[role_key].id,
                    "letters": canonical_letters(letters),
                }
                for activity, row in rows.items()
                for (role_key, _, _), letters in zip(RACI_ROLES, row, strict=True)
                if letters
            ],
        )
    for position, (key, name) in enumerate(SCORE_CATEGORIES):
        session.add(ScoreCategory(key=key, name=name, weight_bp=1250, position=position))
    for name, cta_type, tasks in PLAYBOOKS:
        session.add(
            Playbook(
                name=name,
                cta_type=cta_type,
                tasks=[
                    PlaybookTask(title=title, offset_days=offset, position=i)
                    for i, (title, offset) in enumerate(tasks)
                ],
            )
        )
