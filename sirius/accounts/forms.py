"""Account forms, rendered with the DSFR (no business logic here: views call services)."""

from django import forms
from django.contrib.auth import forms as auth_forms

from sirius.forms import SiriusForm

from .models import User


class LoginForm(SiriusForm):
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


class PasswordResetForm(auth_forms.PasswordResetForm, SiriusForm):
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


class SetPasswordForm(auth_forms.SetPasswordForm, SiriusForm):
    pass


class PasswordChangeForm(auth_forms.PasswordChangeForm, SiriusForm):
    pass
