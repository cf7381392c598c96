"""Reading: spreadsheets and CSV into grids of cells that remember their addresses."""
