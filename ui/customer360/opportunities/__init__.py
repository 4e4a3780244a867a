"""The Customer360's Opportunities tab: its table model, its forms and the tab."""
