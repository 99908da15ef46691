"""Extraction strategies behind one interface: single, multipass, hybrid."""
