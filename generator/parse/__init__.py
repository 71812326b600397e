"""Parse stage: spec bytes to text, and a Markdown page to its headings and tables."""

from .cells import Cell, plain_text, unescape_entities
from .decode import decode
from .markdown import parse_page
from .page import Block, Heading, Page, Row, Table

__all__ = ["Block", "Cell", "Heading", "Page", "Row", "Table", "decode", "parse_page", "plain_text", "unescape_entities"]
