"""Scrapy spiders: the national database (`hitta_lov`) and municipal sites."""
