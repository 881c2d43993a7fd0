"""Merit data behind every decision: competencies, performance, talent and development."""
