"""Text extraction that reads a message the way a person does."""
