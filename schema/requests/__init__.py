"""GraphQL for career requests: types, queries, mutations and subscriptions."""
