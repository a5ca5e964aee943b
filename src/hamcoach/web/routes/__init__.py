"""The routes, one module per resource, each with its own `APIRouter` (included by `web.app`).

JSON routes live under /api/v1 (except the calendar feed, whose URL is the secret); the HTML
pages are in `pages*.py` and stay out of the OpenAPI document.
"""
