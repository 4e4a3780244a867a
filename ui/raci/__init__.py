"""The team RACI matrix page, checked as it is edited, with its presets."""
