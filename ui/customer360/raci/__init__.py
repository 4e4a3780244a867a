"""The Customer360's RACI tab: who does what on this account, and its overrides."""
