"""Parse stage: spec bytes to text, and a Markdown page to its headings and tables."""

from .decode import decode
from .markdown import Block, Cell, Heading, Page, Row, Table, parse_page, plain_text, unescape_entities

__all__ = ["Block", "Cell", "Heading", "Page", "Row", "Table", "decode", "parse_page", "plain_text", "unescape_entities"]
