"""The authoring format: schema, loading with positions, expressions, semantic checks. Never imports pygame."""
