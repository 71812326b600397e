"""Model stage: parsed pages to drafts, one spec at a time; drafts to catalogs, one at a time; linked into a Project."""
