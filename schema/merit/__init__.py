"""GraphQL for merit data: assessments and match, performance, feedback, talent, plans, training."""
