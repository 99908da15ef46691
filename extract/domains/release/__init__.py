"""ReleaseEvent: the first built-in domain (schema, prompts, rules, comparators, merge keys)."""
