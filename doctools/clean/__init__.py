"""The cleaner: the first steps of the transform chain (placeholder until issue 2 lands)."""
