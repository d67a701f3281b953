from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator


class LoginForm(AuthenticationForm):
    """Django's login form, which sets its username's length after the field is built, so that
    nothing checks it: a username longer than any is refused here, before any login is tried or
    recorded (django-axes keeps usernames in a 255-character column)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        field.validators.append(MaxLengthValidator(field.max_length))
