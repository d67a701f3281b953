from datetime import timedelta

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordMixin
from django.core.validators import MaxLengthValidator
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .mail import language_of, mail_address
from .models import SWITCHABLE_KINDS, MailKind, OutgoingMail


class LoginForm(AuthenticationForm):
    """Django's login form, which sets its username's length after the field is built, so that
    nothing checks it: a username longer than any is refused here, before any login is tried or
    recorded (django-axes keeps usernames in a 255-character column)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        field.validators.append(MaxLengthValidator(field.max_length))


RESET_MAILS_PER_HOUR = 3


class PasswordResetMailForm(PasswordResetForm):
    """Django's « mot de passe oublié », its mail sent the application's way (accounts.mail: in
    the account's language, after the commit, retried). An unknown address gets the same answer
    and no mail (Django's get_users finds no one)."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email,
                  to_email, html_email_template_name=None):
        user = context["user"]
        # Whoever knows an address could flood its owner with reset mails: a few an hour is
        # enough for the owner, and the answer on the page stays the same.
        recent = OutgoingMail.objects.filter(
            kind=MailKind.ACCOUNT, address=to_email,
            created_at__gte=timezone.now() - timedelta(hours=1))
        if recent.count() >= RESET_MAILS_PER_HOUR:
            return
        mail_address(
            to_email, kind=MailKind.ACCOUNT, language=language_of(user),
            template="registration/mail/password_reset",
            context={"username": user.get_username()},
            url=reverse("password_reset_confirm",
                        kwargs={"uidb64": context["uid"], "token": context["token"]}),
        )


class NewAccountForm(SetPasswordMixin, forms.Form):
    """The account an invited person makes: their name and a password (the address, known from
    the invitation, is the username)."""

    first_name = forms.CharField(label=_("Prénom"), max_length=150,
                                 widget=forms.TextInput(attrs={"autocomplete": "given-name"}))
    last_name = forms.CharField(label=_("Nom de famille"), max_length=150,
                                widget=forms.TextInput(attrs={"autocomplete": "family-name"}))
    password1, password2 = SetPasswordMixin.create_password_fields(
        label1=_("Mot de passe"), label2=_("Mot de passe (confirmation)"))

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        self.validate_passwords()
        # The validators compare the password with the name and address it will sit beside.
        self.validate_password_for_user(get_user_model()(
            username=self.email, email=self.email,
            first_name=self.cleaned_data.get("first_name", ""),
            last_name=self.cleaned_data.get("last_name", "")))
        return super().clean()


class MailPreferencesForm(forms.Form):
    """One switch per kind of mail a person may stop (the account's mails always leave)."""

    def __init__(self, *args, switched_off: set[str], **kwargs):
        super().__init__(*args, **kwargs)
        for kind in SWITCHABLE_KINDS:
            self.fields[kind.value] = forms.BooleanField(
                label=kind.label, required=False, initial=kind.value not in switched_off)

    def switched_off(self) -> set[str]:
        return {kind for kind, wanted in self.cleaned_data.items() if not wanted}
