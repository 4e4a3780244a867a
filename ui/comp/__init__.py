"""The Comp page: the plan editor, the six steps, the payout statement, what-if deals."""
