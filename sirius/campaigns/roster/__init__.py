"""Import of a CFA's roster of apprentices (contacts) from a CSV or XLSX file.

columns → header aliases; reader → file to rows; values → one cell to a stored value;
validation → every row checked against the catalogue, the user's scope and the stored contacts;
services → the write (all rows, or only the valid ones for the web preview).
"""
