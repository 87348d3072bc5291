"""Rule files: loading, validation against JSON Schema, selection and configuration."""
