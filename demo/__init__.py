"""Bilingual demo content of the SMART site, built from the seed documents.

Entry point: ``demo.loader.load_demo(stdout=None)`` (``manage.py load_demo``).
"""
