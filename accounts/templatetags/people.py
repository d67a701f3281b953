from django import template

from accounts.names import person_name

register = template.Library()


@register.filter
def person(user) -> str:
    """`{{ user|person }}`: a person's name as every page writes it (accounts.names)."""
    return person_name(user)
