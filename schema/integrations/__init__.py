"""GraphQL for notifications (each person's own) and webhooks (an agency's admins)."""
