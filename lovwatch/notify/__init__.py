"""Subscriptions and notifications: who hears about which events, through Apprise, once.

Kept free of imports so that `lovwatch.models` can register `lovwatch.models.subscriptions` without
pulling in the sender, templates or CLI.
"""
