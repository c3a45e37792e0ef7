"""Rule components of the extraction pipeline; each is ``Doc -> Doc`` and fills ``doc.spans``."""
