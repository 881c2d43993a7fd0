"""Jenjang's application layer: settings, models, authentication, the web app and the CLI."""
