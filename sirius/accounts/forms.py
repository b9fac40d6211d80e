"""Account forms, rendered with the DSFR (no business logic here: views call services)."""

from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from dsfr.forms import DsfrBaseForm

from .models import User


class SiriusDsfrForm(DsfrBaseForm):
    """DsfrBaseForm without its transitional DeprecationWarning (tests turn warnings into errors).

    Field markers follow the DSFR_MARK_OPTIONAL_FIELDS setting, read by the field templates.
    """

    def get_context(self):
        context = forms.Form.get_context(self)
        context["DSFR_MARK_OPTIONAL_FIELDS"] = getattr(settings, "DSFR_MARK_OPTIONAL_FIELDS", False)
        return context


class LoginForm(SiriusDsfrForm):
    email = forms.EmailField(
        label="Adresse e-mail",
        help_text="Format attendu : nom@domaine.fr",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
        error_messages={
            "required": "Saisissez votre adresse e-mail.",
            "invalid": "Saisissez une adresse e-mail valide, par exemple nom@domaine.fr.",
        },
    )
    password = forms.CharField(
        label="Mot de passe",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Saisissez votre mot de passe."},
    )

    def clean_email(self):
        return User.objects.normalize_email(self.cleaned_data["email"])


class PasswordResetForm(auth_forms.PasswordResetForm, SiriusDsfrForm):
    email = forms.EmailField(
        label="Adresse e-mail",
        help_text="L'adresse de votre compte. Format attendu : nom@domaine.fr",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
        error_messages={
            "required": "Saisissez votre adresse e-mail.",
            "invalid": "Saisissez une adresse e-mail valide, par exemple nom@domaine.fr.",
        },
    )

    def get_users(self, email):
        """Active accounts with this address, including those created without a password:
        their owners choose their first password through this form."""
        email = User.objects.normalize_email(email)
        return User.objects.filter(email__iexact=email, is_active=True)


class SetPasswordForm(auth_forms.SetPasswordForm, SiriusDsfrForm):
    pass


class PasswordChangeForm(auth_forms.PasswordChangeForm, SiriusDsfrForm):
    pass
