"""JSON-ready views of domain objects, shared by the CLI, the web API and the file formats.

Every key a view returns is written out in it: these are the documented, stable JSON keys
(change them only with a CHANGELOG entry), never derived from a dataclass's fields. A view
imports only the domain.
"""
