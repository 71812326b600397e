"""errgen: error-code pages written as Markdown tables -> one model -> Python, JSON Schema and
OpenAPI; the folders are its stages: parse -> model -> render -> finish -> write."""

__version__ = "0.1.0"
