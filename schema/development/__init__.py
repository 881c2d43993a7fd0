"""GraphQL for the training catalogue and development budgets."""
