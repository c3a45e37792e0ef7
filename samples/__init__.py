"""Sample letters for congvan: specs in ``letters/``, rendered scans beside them (see README.md)."""
