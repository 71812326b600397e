"""errgen: error-code pages written as Markdown tables -> one model -> Python, JSON Schema
and OpenAPI artifacts.

The pipeline reads left to right: parse -> build (model) -> render -> write, with cli on top.
"""

__version__ = "0.1.0"
