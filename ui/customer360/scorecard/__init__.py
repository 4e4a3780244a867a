"""The Customer360's scorecard tab: scores, trend and why the health is what it is."""
