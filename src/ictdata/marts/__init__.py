"""Marts: the loaded tables as Parquet, written atomically."""
