"""HR figures of the agency: requests, talent grid, fairness."""
