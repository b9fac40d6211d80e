"""Sign-in, sign-out and passwords. Rules live in sirius.accounts.services and .throttle."""

from django.conf import settings
from django.contrib.auth import authenticate, update_session_auth_hash
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import INTERNAL_RESET_SESSION_TOKEN
from django.http import HttpResponseRedirect
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.formats import date_format

from sirius.accounts import services, throttle
from sirius.accounts.forms import LoginForm, PasswordChangeForm, PasswordResetForm, SetPasswordForm

INVALID_CREDENTIALS = "Adresse e-mail ou mot de passe incorrect."


def client_ip(request):
    """The address of the peer; a proxy in front must pass the real one as REMOTE_ADDR."""
    return request.META.get("REMOTE_ADDR") or None


def throttled_message(retry_at):
    local = timezone.localtime(retry_at)
    hour = date_format(local, "H \\h i")
    day = date_format(local, "j F Y")
    return (
        "Trop de tentatives de connexion ont échoué. Pour protéger les comptes, la connexion "
        f"est suspendue : réessayez à partir de {hour} (le {day}, heure de Paris)."
    )


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True
    extra_context = {"title": "Connexion"}

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("request", None)
        return kwargs

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if not form.is_valid():
            return self.form_invalid(form)
        email = form.cleaned_data["email"]
        ip_address = client_ip(request)
        retry_at = throttle.login_retry_at(email=email, ip_address=ip_address)
        if retry_at is not None:
            return self.throttled(form, retry_at)
        # ModelBackend refuses inactive accounts and unknown addresses alike (same timing).
        user = authenticate(request, email=email, password=form.cleaned_data["password"])
        if user is None:
            services.user_login_failed(email=email, ip_address=ip_address)
            form.add_error(None, INVALID_CREDENTIALS)
            return self.form_invalid(form)
        auth_login(request, user)  # rotates the session key
        services.user_login_succeeded(user=user, ip_address=ip_address)
        return HttpResponseRedirect(self.get_success_url())

    def throttled(self, form, retry_at):
        form.add_error(None, throttled_message(retry_at))
        response = self.render_to_response(self.get_context_data(form=form), status=429)
        seconds = max(1, int((retry_at - timezone.now()).total_seconds()) + 1)
        response["Retry-After"] = str(seconds)
        return response


class LogoutView(auth_views.LogoutView):
    """POST only (Django refuses GET with 405)."""


class PasswordResetView(auth_views.PasswordResetView):
    """Same answer whether the address has an account or not."""

    form_class = PasswordResetForm
    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")
    title = "Mot de passe oublié"

    def form_valid(self, form):
        # Links point to the configured site, never to the Host header of the request.
        self.extra_email_context = {
            "site_url": settings.SITE_URL,
            "site_name": settings.SIRIUS_SERVICE_NAME,
        }
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_done.html"
    title = "Consultez votre messagerie"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = SetPasswordForm
    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")
    title = "Choisir un nouveau mot de passe"

    def form_valid(self, form):
        services.user_password_reset(user=form.user, password=form.cleaned_data["new_password1"])
        del self.request.session[INTERNAL_RESET_SESSION_TOKEN]
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "registration/password_reset_complete.html"
    title = "Mot de passe modifié"


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = PasswordChangeForm
    template_name = "accounts/password_change_form.html"
    success_url = reverse_lazy("accounts:password_change_done")
    title = "Modifier mon mot de passe"

    def form_valid(self, form):
        services.user_password_change(user=form.user, password=form.cleaned_data["new_password1"])
        update_session_auth_hash(self.request, form.user)
        return HttpResponseRedirect(self.get_success_url())


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"
    title = "Mot de passe modifié"
