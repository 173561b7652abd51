"""Subscriptions and notifications: who hears about which events, through Apprise, once.

The tables live in `lovwatch.models.subscriptions`; this package matches events to
subscriptions (`matching`), records and sends what is owed (`delivery`), renders the messages
(`messages`), and tells the operator (`operator`)."""
