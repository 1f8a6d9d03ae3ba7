"""Nhiệm vụ đột phá, đổi mới: figures, imports and storage, usable without Streamlit."""

from analytics.figures import summary

__all__ = ["summary"]
