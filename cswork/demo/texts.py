"""Short texts for the demo book: timeline entries, score comments, plans, deals, CTAs.

Templates are filled once into pools of ready texts (cheap to pick a million times);
``{first}`` stays in and is replaced by one of the account's contacts per entry."""

from __future__ import annotations

from random import Random

from cswork.enums import TimelineKind
from cswork.importing.values import MONTH_NAMES

TOPICS = (
    "the reporting rollout",
    "SSO and user provisioning",
    "the API integration",
    "dashboards for the leadership team",
    "the mobile app rollout",
    "data retention settings",
    "the new approval workflow",
    "onboarding of the finance team",
    "usage of the analytics module",
    "the migration from their legacy tool",
    "alerting rules",
    "the Q3 release",
)
FEATURES = (
    "bulk export",
    "custom fields",
    "audit log",
    "scheduled reports",
    "role templates",
    "the Slack integration",
    "workflow automation",
    "usage analytics",
)
DOCS = (
    "usage report",
    "ROI summary",
    "renewal quote",
    "admin training deck",
    "QBR slides",
    "security questionnaire",
    "release notes",
    "success plan draft",
)
TEAMS = ("finance", "operations", "support", "marketing", "sales ops", "IT", "HR", "logistics")
OUTCOMES = (
    "cut month-end close from 10 to 6 days",
    "one source of truth for customer data",
    "reduce manual reporting by half",
    "roll out to all regional teams by year end",
    "lift self-service adoption above 70%",
    "retire two legacy tools",
)
RENEWAL_STATUS = (
    "quote sent, waiting on procurement",
    "verbal yes from the sponsor, paperwork next week",
    "pricing pushback, exploring a two-year term",
    "legal review of the MSA in progress",
    "decision maker changed, re-qualifying",
    "PO expected before the end of the month",
    "asking for a discount tied to seat reduction",
    "on track, no open questions",
)

TIMELINE_TEMPLATES: dict[TimelineKind, tuple[str, ...]] = {
    TimelineKind.NOTE: (
        "Usage up {pct}% since last month, driven by the {team} team.",
        "{first} flagged slow load times in reporting; opened ticket #{ticket}.",
        "Budget cycle starts in {month}; get ahead of it with the ROI summary.",
        "{first} mentioned the {team} team is evaluating a competitor.",
        "Admin changed on their side; {first} is the new day-to-day contact.",
        "Two escalations this month, both on {feature}; watching it.",
        "White space: the {team} team could use {feature}. Told the R&E manager.",
        "Active users at {pct}% of licenses.",
    ),
    TimelineKind.CALL: (
        "Call with {first}: reviewed adoption, {n} new users this month.",
        "Check-in call; {first} happy with support response times.",
        "Call with {first} about the renewal timeline; procurement wants the quote by {month}.",
        "Call with {first} on {topic}; next step is a working session.",
        "{first} called about {feature}; walked through the workaround.",
        "Quick call to confirm the plan for {topic}.",
    ),
    TimelineKind.MEETING: (
        "Onsite with the {team} team: walked through {topic}.",
        "Training session for {n} new users.",
        "Workshop on {topic} with {first} and {n} admins.",
        "Roadmap preview for {first}; strong interest in {feature}.",
        "Working session on {topic}; agreed owners and dates.",
    ),
    TimelineKind.EMAIL: (
        "Sent {first} the {doc}.",
        "Followed up on ticket #{ticket}; fix ships in the next release.",
        "Shared release notes for {feature} with {first}.",
        "Emailed {first} the agenda for the next check-in.",
        "Sent the {doc} ahead of the {month} review.",
    ),
    TimelineKind.EBR: (
        "EBR with {first}: {roi}x ROI so far; next half focuses on {topic}.",
        "EBR held; {first} confirmed the desired outcome: {outcome}.",
        "Executive business review: adoption at {pct}%, agreed to expand to the {team} team.",
        "EBR with {first} and the leadership team; renewal risks discussed openly.",
    ),
    TimelineKind.STRATEGY_SESSION: (
        "Strategy Session held with {first}: desired outcome agreed, {outcome}.",
        "Kick-off with {first} and {n} stakeholders; success plan drafted.",
        "Strategy Session: goals, owners and the first milestone agreed with {first}.",
    ),
    TimelineKind.STATUS_UPDATE: (
        "Renewal status: {status}.",
        "Weekly renewal update: {status}.",
        "Status: {status}.",
    ),
}

# category key -> (what a fall says, what a rise says)
SCORE_COMMENTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "adoption": (
        ("Active users down {pct}% after their reorg", "Logins dropped after the rollout stalled"),
        ("Weekly active users back above {pct}%", "Rollout to the {team} team done"),
    ),
    "support": (
        ("Two P1 escalations this month", "Open tickets piling up on {feature}"),
        ("Escalations closed, backlog cleared", "No P1 tickets for a quarter"),
    ),
    "sentiment": (
        ("NPS detractor in the last survey", "CSAT fell to {pct}%"),
        ("NPS promoter in the last survey", "CSAT up to {pct}%"),
    ),
    "exec_sponsor": (
        ("Sponsor missed the last two meetings", "Sponsor moved to another division"),
        ("Sponsor joined the EBR", "New sponsor engaged and supportive"),
    ),
    "champion": (
        ("Champion left the company", "Champion on extended leave"),
        ("New champion identified and trained", "Champion promoted, still engaged"),
    ),
    "outcomes": (
        ("Success plan objective slipped a quarter", "First value milestone missed"),
        ("Objective achieved ahead of plan", "First value confirmed by the customer"),
    ),
    "financial": (
        ("Invoice {pct} days overdue", "Budget freeze announced"),
        ("Overdue invoices paid", "Budget approved for next year"),
    ),
    "competitive": (
        ("Competitor demo spotted in the {team} team", "RFP out to three vendors"),
        ("Competitor evaluation dropped", "Consolidated on us company-wide"),
    ),
}
BASELINE_COMMENTS = (
    "Baseline from the onboarding review",
    "Scored at the quarterly review",
    "From the health check with the customer",
    "Initial assessment",
)

DESIRED_OUTCOMES = (
    *OUTCOMES,
    "faster onboarding of new hires",
    "audit-ready reporting without spreadsheets",
    "a single view of every customer interaction",
    "cut support handling time by 20%",
)
ROI_TEMPLATES = (
    "Saves about {hours:,} hours a quarter (~{value}), a {roi}x return on the subscription.",
    "Replaced two tools worth {value} a year; {roi}x ROI in year one.",
    "Reporting time down {pct}%, worth about {value} a year: {roi}x the subscription.",
)
# (objective, KPI, baseline, target)
OBJECTIVES = (
    ("Roll out to all teams", "Active users", "40%", "85%"),
    ("Automate monthly reporting", "Hours per month on reports", "60", "10"),
    ("Cut ticket handling time", "Average handling time", "9 h", "5 h"),
    ("Retire the legacy tool", "Legacy licenses", "250", "0"),
    ("Self-service adoption", "Self-service share", "20%", "60%"),
    ("Faster onboarding", "Days to productive", "30", "10"),
    ("Executive dashboard in use", "Weekly exec views", "0", "20"),
    ("Improve data quality", "Records with errors", "12%", "2%"),
    ("Integrate with the ERP", "Manual imports per week", "15", "0"),
    ("Raise CSAT", "CSAT", "78%", "90%"),
)
MILESTONES = ("Strategy Session held", "Onboarding complete", "First value", "EBR held")

RENEWAL_STRATEGY = {
    "green": (
        "Send the quote early; propose a multi-year term.",
        "Straight renewal at list; bring the ROI summary.",
        "Renew and open the upsell talk for the {team} team.",
    ),
    "yellow": (
        "Re-engage the sponsor; tie the renewal to the {topic} plan.",
        "Close open tickets before the quote; offer a training package.",
        "Renew flat; get the champion on the renewal call.",
    ),
    "red": (
        "Save plan: exec-to-exec call, recovery plan before the quote.",
        "Expect a downsell; protect the core seats, offer services credit.",
        "Find a new sponsor first; renewal at risk.",
    ),
}
DEAL_STRATEGY = (
    "Demo to the {team} team next week.",
    "Pricing agreed, waiting on budget.",
    "Champion building the business case.",
    "Security review in progress.",
    "Proposal sent; follow up after their planning cycle.",
)
CROSS_SELL_PRODUCTS = (
    "Analytics add-on",
    "Workflow Automation",
    "Premium Support",
    "Data Connectors",
    "Mobile Suite",
    "Compliance Pack",
)
SERVICES_PACKAGES = (
    "Implementation",
    "Data migration",
    "Admin training",
    "Integration build",
    "Health check",
    "Custom reporting",
)
MANAGED_SERVICES = ("Managed admin", "Managed reporting", "Technical account management")

CTA_REASONS = {
    "activity": (
        "Follow up on the training request from {first}",
        "Book a check-in with {first}: nothing logged this month",
        "Send {first} the usage report before their review",
        "Confirm the new admin's access with {first}",
    ),
    "expansion": (
        "{first} asked about adding the {team} team",
        "Usage above licenses: talk about more seats",
        "Interest in {feature}: qualify with {first}",
    ),
    "objective": (
        "Objective '{objective}' slipping: agree next steps with {first}",
        "Review success plan progress with {first}",
        "Collect proof of first value from {first}",
    ),
}


def _fill(template: str, rng: Random) -> str:
    """Fill every slot except {first}, which stays for the caller."""
    return template.format(
        first="{first}",
        pct=rng.randint(5, 45),
        n=rng.randint(3, 40),
        ticket=rng.randint(10_000, 99_999),
        month=rng.choice(MONTH_NAMES),
        topic=rng.choice(TOPICS),
        feature=rng.choice(FEATURES),
        doc=rng.choice(DOCS),
        team=rng.choice(TEAMS),
        roi=rng.choice(("2.1", "2.5", "3", "3.4", "4", "5.2")),
        outcome=rng.choice(OUTCOMES),
        status=rng.choice(RENEWAL_STATUS),
        objective=rng.choice(OBJECTIVES)[0],
    )


def _pool(templates: tuple[str, ...], rng: Random, size: int) -> tuple[str, ...]:
    return tuple(_fill(rng.choice(templates), rng) for _ in range(size))


class TextPools:
    """Ready texts per kind, drawn from once per book so the book stays deterministic."""

    def __init__(self, rng: Random, size: int = 300) -> None:
        self.timeline = {kind: _pool(t, rng, size) for kind, t in TIMELINE_TEMPLATES.items()}
        self.score_falls = {k: _pool(fall, rng, 40) for k, (fall, _) in SCORE_COMMENTS.items()}
        self.score_rises = {k: _pool(rise, rng, 40) for k, (_, rise) in SCORE_COMMENTS.items()}
        self.renewal_strategy = {band: _pool(t, rng, 30) for band, t in RENEWAL_STRATEGY.items()}
        self.deal_strategy = _pool(DEAL_STRATEGY, rng, 30)
        self.cta_reasons = {kind: _pool(t, rng, 40) for kind, t in CTA_REASONS.items()}
