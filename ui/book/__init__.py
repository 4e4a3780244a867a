"""The book page: every account in one sortable, filterable table with saved views."""
