"""Executors for batch runs: the local asyncio loop (in extract.api) and Ray (optional extra)."""
