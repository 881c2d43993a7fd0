"""Career requests (mutasi, kenaikan pangkat, tugas belajar): definitions, rules, engine."""
