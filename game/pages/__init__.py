"""What the game's self-contained HTML pages share: the base stylesheet, escaping, chart export."""
