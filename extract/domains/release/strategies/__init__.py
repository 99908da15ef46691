"""The release domain's strategies: multipass and the rules-first hybrid."""
