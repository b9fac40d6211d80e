"""Import of the national catalogue of apprenticeship formations.

columns → field names and the export's French headers; reader → file to rows; values and
records → one row to a validated record; services → the all-or-nothing upsert.
"""
