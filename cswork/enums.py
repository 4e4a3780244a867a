"""The closed vocabularies of the book. Values are what the database stores."""

from enum import StrEnum


class PersonRole(StrEnum):
    CSM = "csm"
    RE_MANAGER = "re_manager"
    AE = "ae"
    CS_LEADER = "cs_leader"
    SALES = "sales"

    @property
    def label(self) -> str:
        return {
            "csm": "CSM",
            "re_manager": "R&E Manager",
            "ae": "Account Executive",
            "cs_leader": "CS Leader",
            "sales": "Sales",
        }[self.value]


class Segment(StrEnum):
    HIGH_TOUCH = "high-touch"
    LOW_TOUCH = "low-touch"
    STRATEGIC = "strategic"


class AccountStatus(StrEnum):
    ACTIVE = "active"
    CHURNED = "churned"


class ContactRole(StrEnum):
    CHAMPION = "champion"
    EXECUTIVE_SPONSOR = "executive sponsor"
    DECISION_MAKER = "decision maker"
    USER = "user"


class Sentiment(StrEnum):
    POSITIVE = "positive"
    NEUTRAL = "neutral"
    NEGATIVE = "negative"


class ObjectiveStatus(StrEnum):
    NOT_STARTED = "not started"
    ON_TRACK = "on track"
    AT_RISK = "at risk"
    ACHIEVED = "achieved"
    DROPPED = "dropped"


class CtaType(StrEnum):
    RENEWAL = "renewal"
    RISK = "risk"
    EXPANSION = "expansion"
    LIFECYCLE = "lifecycle"
    OBJECTIVE = "objective"
    ACTIVITY = "activity"


class Priority(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class CtaStatus(StrEnum):
    OPEN = "open"
    SNOOZED = "snoozed"
    CLOSED = "closed"


class CtaOutcome(StrEnum):
    SUCCESS = "success"
    NOT_NEEDED = "not needed"
    LOST = "lost"


class CtaSource(StrEnum):
    RULE = "rule"
    MANUAL = "manual"


class TimelineKind(StrEnum):
    NOTE = "note"
    CALL = "call"
    MEETING = "meeting"
    EMAIL = "email"
    EBR = "EBR"
    STRATEGY_SESSION = "strategy session"
    STATUS_UPDATE = "status update"


class OpportunityKind(StrEnum):
    RENEWAL = "renewal"
    UPSELL = "upsell"  # more licenses: simple
    CROSS_SELL = "cross-sell"  # new product: complex
    NEW_DIVISION = "new division"  # complex
    SERVICES_ONE_TIME = "services one-time"
    SERVICES_MANAGED = "services managed"


class OpportunityStage(StrEnum):
    OPEN = "open"
    WON = "won"
    LOST = "lost"


class ForecastCategory(StrEnum):
    PIPELINE = "pipeline"
    BEST_CASE = "best case"
    COMMIT = "commit"
    OMITTED = "omitted"
    CLOSED = "closed"


class RaciMatrixKind(StrEnum):
    TEAM = "team"  # the one matrix in force for the team
    PRESET = "preset"  # a whole matrix the leader can apply to the team
    OVERRIDE = "override"  # a partial matrix applied per account (strategic)


class CompPlanKind(StrEnum):
    CSM = "csm"
    RE_MANAGER = "re_manager"


class QuotaBasis(StrEnum):
    RENEWALS = "renewals"
    UPSELL = "upsell"
    BOTH = "both"
    TEAM_NRR = "team nrr"
