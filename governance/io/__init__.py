"""Importers and exporters: the national register (ROO), spreadsheets, reports."""
