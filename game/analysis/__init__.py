"""Balance runs, counterfactuals and statistics: plain functions returning plain data."""
