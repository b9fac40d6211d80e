"""Roster files for the tests: CSV bytes in any encoding and separator, XLSX with date cells."""

import io

from openpyxl import Workbook

HEADER = ["email", "téléphone", "prénom", "formation", "début du contrat", "fin du contrat"]


def csv_bytes(rows, *, header=HEADER, separator=";", encoding="utf-8", bom=False):
    lines = [separator.join(header), *(separator.join(str(cell) for cell in row) for row in rows)]
    data = ("\r\n".join(lines) + "\r\n").encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def xlsx_bytes(rows, *, header=HEADER):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
