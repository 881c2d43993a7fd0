"""GraphQL types of merit data, one module per area, separate from the ORM models."""
