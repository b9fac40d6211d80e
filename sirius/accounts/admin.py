from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, ReadOnlyPasswordHashField

from sirius.admin import ReadOnlyAdminMixin
from sirius.audit.services import event_record

from . import services
from .enums import Role
from .models import FailedLogin, User


class RoleRulesMixin:
    """Apply the rules of `user_create` to the admin forms; staff access follows the role."""

    def clean(self):
        cleaned_data = super().clean()
        if "role" not in cleaned_data:
            return cleaned_data
        errors, normalised = services.user_role_check(
            role=cleaned_data["role"],
            establishments=list(cleaned_data.get("establishments") or ()),
            scope_kind=cleaned_data.get("scope_kind", ""),
            scope_code=cleaned_data.get("scope_code", ""),
            scope_rncp_codes=cleaned_data.get("scope_rncp_codes") or (),
        )
        for field, messages in errors.items():
            self.add_error(field if field in self.fields else None, messages)
        for field in ("scope_kind", "scope_code", "scope_rncp_codes"):
            if field in self.fields:
                cleaned_data[field] = normalised[field]
        is_admin = cleaned_data["role"] == Role.ADMIN
        self.instance.is_staff = is_admin
        self.instance.is_superuser = is_admin
        return cleaned_data

    def clean_email(self):
        email = User.objects.normalize_email(self.cleaned_data["email"])
        others = User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError("Un compte existe déjà avec cette adresse e-mail.")
        return email


class UserChangeForm(RoleRulesMixin, forms.ModelForm):
    password = ReadOnlyPasswordHashField(label="Mot de passe")

    class Meta:
        model = User
        fields = (
            "email",
            "password",
            "first_name",
            "last_name",
            "role",
            "establishments",
            "scope_kind",
            "scope_code",
            "scope_rncp_codes",
            "is_active",
        )


class UserCreationForm(RoleRulesMixin, AdminUserCreationForm):
    class Meta:
        model = User
        fields = (
            "email",
            "role",
            "establishments",
            "scope_kind",
            "scope_code",
            "scope_rncp_codes",
        )


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserChangeForm
    add_form = UserCreationForm
    list_display = ("email", "get_full_name", "role", "is_active", "last_login")
    list_filter = ("role", "is_active", "scope_kind")
    search_fields = ("email", "first_name", "last_name", "establishments__siret")
    ordering = ("email",)
    autocomplete_fields = ("establishments",)
    filter_horizontal = ()
    readonly_fields = ("is_staff", "is_superuser", "last_login", "date_joined")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Identité", {"fields": ("first_name", "last_name")}),
        ("Rôle", {"fields": ("role", "establishments")}),
        (
            "Périmètre d'observation (observateurs)",
            {"fields": ("scope_kind", "scope_code", "scope_rncp_codes")},
        ),
        ("Accès", {"fields": ("is_active", "is_staff", "is_superuser")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"fields": ("email", "usable_password", "password1", "password2")}),
        ("Rôle", {"fields": ("role", "establishments")}),
        (
            "Périmètre d'observation (observateurs)",
            {"fields": ("scope_kind", "scope_code", "scope_rncp_codes")},
        ),
    )

    @admin.display(description="nom")
    def get_full_name(self, obj):
        return obj.get_full_name()

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        event_record(
            verb="accounts.user_changed" if change else "accounts.user_created",
            actor=request.user,
            obj=obj,
            data={"fields": sorted(form.changed_data), "via": "admin"},
        )


@admin.register(FailedLogin)
class FailedLoginAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("created_at", "email", "ip_address")
    search_fields = ("email", "ip_address")
    date_hierarchy = "created_at"
