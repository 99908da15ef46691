"""Domains: a schema with its prompts, rules, comparators and merge keys, on top of the engine."""
