"""The `hamcoach` command (Typer): parses input, calls services, renders output."""
