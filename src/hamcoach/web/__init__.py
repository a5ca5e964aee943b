"""The web app: FastAPI app factory, JSON API under /api/v1, and mobile-first pages."""
