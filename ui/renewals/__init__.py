"""The R&E manager's renewals desk: dashboard, charts, the 90-day list, pipeline,
capacity and the Wednesday review agenda."""
