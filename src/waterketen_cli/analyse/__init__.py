"""Analyses for the meeting papers: pure functions of the records."""
