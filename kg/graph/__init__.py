"""Graph: the only stage that mints IRIs and quads."""
