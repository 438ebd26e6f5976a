"""Measurements of the built site that are worth a number in the README."""
