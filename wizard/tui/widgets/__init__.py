"""Reusable controls of the wizard's forms."""
