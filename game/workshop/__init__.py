"""Workshop folders, team sessions and comparative reports."""
