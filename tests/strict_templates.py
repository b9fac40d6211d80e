"""Make tests fail when one of our templates prints a variable that does not exist.

Django calls `string_if_invalid % name` when `{{ name }}` cannot be resolved. Third-party templates
(django-dsfr, the admin) rely on missing variables rendering as "", so only templates under
sirius/templates raise.
"""

import inspect
from pathlib import Path

OUR_TEMPLATES = str(Path(__file__).resolve().parent.parent / "sirius" / "templates")


class UndefinedTemplateVariable(Exception):
    pass


class InvalidVariable(str):
    def __mod__(self, name):
        origin = _rendering_template_name()
        if origin and origin.startswith(OUR_TEMPLATES):
            raise UndefinedTemplateVariable(f"{{{{ {name} }}}} is undefined in {origin}")
        return ""


def _rendering_template_name():
    for frame_info in inspect.stack(context=0):
        node = frame_info.frame.f_locals.get("self")
        origin = getattr(node, "origin", None)
        if origin is not None and getattr(origin, "name", None):
            return str(origin.name)
    return None
