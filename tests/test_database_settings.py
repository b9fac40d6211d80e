"""PostgreSQL keeps the plans of the statements each connection runs often (settings, « prepared
statements »): the public pages stop paying PostgreSQL's planning on every request."""

import pytest
from django.db import connection

from sirius.referentiel.models import Formation

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_a_statement_run_often_is_prepared_on_its_connection():
    for cle in ("a", "b", "c", "d", "e", "f"):  # different values, one statement
        list(Formation.objects.filter(cle_ministere_educatif=cle))

    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any('"cle_ministere_educatif" = $1' in statement for statement in prepared), prepared
