import pytest
from django.template import engines

from tests.strict_templates import UndefinedTemplateVariable


def test_our_templates_refuse_undefined_variables(tmp_path, settings):
    template_dir = settings.TEMPLATES[0]["DIRS"][0]
    path = template_dir / f"_strict_probe_{tmp_path.name}.html"
    path.write_text("Bonjour {{ prenom }}")
    try:
        template = engines["django"].get_template(path.name)
        with pytest.raises(UndefinedTemplateVariable, match="prenom"):
            template.render({})
        assert template.render({"prenom": "Léa"}) == "Bonjour Léa"
    finally:
        path.unlink()


def test_third_party_templates_keep_rendering_missing_variables_as_empty():
    template = engines["django"].from_string("Bonjour {{ prenom }}")

    assert template.render({}) == "Bonjour "
