"""The API fixtures (the app on the test database, a GraphQL client) for the performance tests."""

from tests.api.conftest import gql, http, settings

__all__ = ["gql", "http", "settings"]
