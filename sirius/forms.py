from django import forms
from django.conf import settings
from dsfr.forms import DsfrBaseForm


class SiriusForm(DsfrBaseForm):
    """The base of every form: DSFR rendering, without DsfrBaseForm's transitional warning.

    DsfrBaseForm.get_context() warns on every render about its DSFR_MARK_OPTIONAL_FIELDS setting
    (tests turn warnings into errors). Field markers follow that setting, read by the DSFR field
    templates: by default required fields are marked.
    """

    def get_context(self):
        context = forms.Form.get_context(self)
        context["DSFR_MARK_OPTIONAL_FIELDS"] = getattr(settings, "DSFR_MARK_OPTIONAL_FIELDS", False)
        return context
