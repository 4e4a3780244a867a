"""The Customer360's Contacts tab: its table model, its forms and the tab."""
