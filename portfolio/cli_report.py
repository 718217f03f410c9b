"""Reports, spreadsheet export and import, and the open-data catalogue: ``report``, ``export``, ``import``."""
