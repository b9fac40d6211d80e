from django import forms
from django.core.exceptions import ValidationError

from sirius.forms import SiriusForm
from sirius.questionnaires.services import MAX_DEFINITION_BYTES, definition_parse


class DefinitionUploadForm(SiriusForm):
    """A definition as a JSON file; every problem of the file is a message of the field."""

    file = forms.FileField(
        label="Fichier de la définition",
        help_text="Taille maximale : 1 Mo. Format accepté : JSON encodé en UTF-8.",
        widget=forms.FileInput(attrs={"class": "fr-upload", "accept": ".json,application/json"}),
    )
    file.template_name = "backoffice/_upload_field.html"

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_DEFINITION_BYTES:
            raise ValidationError("Le fichier dépasse la taille maximale de 1 Mo.")
        self.cleaned_data["definition"] = definition_parse(upload.read())
        return upload

    def full_clean(self):
        super().full_clean()
        if self.errors.get("file"):
            self.fields["file"].widget.attrs.update(
                {"aria-invalid": "true", "aria-describedby": f"{self['file'].auto_id}-desc-error"}
            )
