"""Model access: the Backend protocol, the OpenAI-compatible backend, the embedded server."""
