"""The Customer360's success plan tab: objectives and milestones edited in place."""
