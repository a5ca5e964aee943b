"""Use-cases: each takes a unit of work, calls the domain, and commits once."""
