from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator

from .models import SWITCHABLE_KINDS


class LoginForm(AuthenticationForm):
    """Django's login form, which sets its username's length after the field is built, so that
    nothing checks it: a username longer than any is refused here, before any login is tried or
    recorded (django-axes keeps usernames in a 255-character column)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        field.validators.append(MaxLengthValidator(field.max_length))


class MailPreferencesForm(forms.Form):
    """One switch per kind of mail a person may stop (the account's mails always leave)."""

    def __init__(self, *args, switched_off: set[str], **kwargs):
        super().__init__(*args, **kwargs)
        for kind in SWITCHABLE_KINDS:
            self.fields[kind.value] = forms.BooleanField(
                label=kind.label, required=False, initial=kind.value not in switched_off)

    def switched_off(self) -> set[str]:
        return {kind for kind, wanted in self.cleaned_data.items() if not wanted}
