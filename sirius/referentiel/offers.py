"""One offer across the years (DESIGN.md, « reconciliation »).

The catalogue gives an offer a new `cle_ministere_educatif` from one year to the next: formations
with the same CFD (or RNCP code), the same formateur and the same postcode are the same offer for
display. `same_offer` lists a formation's offer (itself included); `other_years_exist_sql` says in
SQL whether the offer holds another formation, for the statement that reads a formation in one go
(`sirius.stats.formation_read`), so that the page looks for earlier years only when there can be
some. Both state the same rule (tests/referentiel/test_offers.py).
"""

from django.db.models import Q

from .models import Formation


def same_offer(formation):
    """The formations of this formation's offer, itself included; none when it cannot be matched
    (neither CFD nor RNCP code, or no postcode)."""
    codes = Q()
    if formation.cfd:
        codes |= Q(cfd=formation.cfd)
    if formation.rncp:
        codes |= Q(rncp=formation.rncp)
    if not codes or not formation.code_postal:
        return Formation.objects.none()
    return Formation.objects.filter(
        codes, formateur_id=formation.formateur_id, code_postal=formation.code_postal
    )


def other_years_exist_sql(alias):
    """An SQL boolean: does the offer of the formation aliased `alias` hold another formation?"""
    table = Formation._meta.db_table
    return (
        f'EXISTS (SELECT 1 FROM "{table}" o'
        f' WHERE o."formateur_id" = {alias}."formateur_id"'
        f' AND {alias}."code_postal" <> \'\' AND o."code_postal" = {alias}."code_postal"'
        f' AND o."id" <> {alias}."id"'
        f' AND (({alias}."cfd" <> \'\' AND o."cfd" = {alias}."cfd")'
        f' OR ({alias}."rncp" <> \'\' AND o."rncp" = {alias}."rncp")))'
    )
