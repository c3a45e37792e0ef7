"""Staff pages: upload a letter, see what was read from it."""
