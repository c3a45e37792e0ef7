"""Benchmarks: speed and accuracy, measured against the raw-Tesseract baseline in the same run."""
