"""Render stage: templates and escaping filters turn the model into the text of each artifact."""
