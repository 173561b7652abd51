"""lovwatch: watches Sweden's LOV market (valfrihetssystem) and tells the people who care."""

__version__ = "0.1.0"
