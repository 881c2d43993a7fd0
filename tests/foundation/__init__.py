"""Tests of the foundation: models, migrations, settings, login, tokens, demo data."""
